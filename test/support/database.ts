import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/settings.js';

/** Which engine this test project runs on (set per vitest project). */
export const testEngine = (process.env.BELFRY_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export interface TestDatabase {
  readonly config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A database of its own for one test file: in-memory PGlite, or a fresh PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    return { config: { kind: 'pglite', dataDir: 'memory://' }, drop: async () => {} };
  }
  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('The postgres test project needs TEST_DATABASE_URL or DATABASE_URL');
  const name = `belfry_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

/** Runs `work` on a short-lived connection to `url`. */
export async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migration20261123230000_inbox_order } from '../src/db/migrations/Migration20261123230000_inbox_order.js';
import { openDatabase, type Database } from '../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// The migration that orders the inbox by inbox_at backfills rows written before it: a
// scheduled item enters at its send_at, any other at its created_at.

let testDatabase: TestDatabase;
let database: Database;
beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(testDatabase.config);
  await database.migrate();
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

async function run(step: 'up' | 'down'): Promise<void> {
  const migration = new Migration20261123230000_inbox_order(database.em.getDriver(), database.em.config);
  await migration[step]();
  for (const query of migration.getQueries()) {
    // The migration adds its statements as SQL text (addSql with strings only).
    if (typeof query !== 'string') throw new Error('expected the migration to add SQL text');
    await database.em.getConnection().execute(query);
  }
}

describe('Migration20261123230000_inbox_order', () => {
  it('backfills inbox_at from send_at or created_at, and moves the indexes', async () => {
    await run('down');
    const connection = database.em.getConnection();
    await connection.execute(`insert into notifications (id, user_id, channels, category, priority, title, message, created_at, send_at)
      values ('00000000-0000-4000-8000-000000000001', 'm', '{in_app}', 'system', 'medium', 'now', 'm', '2026-01-01T00:00:00Z', null),
             ('00000000-0000-4000-8000-000000000002', 'm', '{in_app}', 'system', 'medium', 'later', 'm', '2026-01-01T00:00:01Z', '2026-01-02T00:00:00Z')`);
    await run('up');
    const rows = await connection.execute<{ title: string; inbox_at: Date }[]>(
      `select title, inbox_at from notifications where user_id = 'm' order by inbox_at desc`,
    );
    expect(rows.map((row) => [row.title, new Date(row.inbox_at).toISOString()])).toEqual([
      ['later', '2026-01-02T00:00:00.000Z'],
      ['now', '2026-01-01T00:00:00.000Z'],
    ]);
    const indexes = await connection.execute<{ indexname: string }[]>(
      `select indexname from pg_indexes where tablename = 'notifications' order by indexname`,
    );
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining(['notifications_user_inbox_idx', 'notifications_user_unread_idx']),
    );
    expect(indexes.map((row) => row.indexname)).not.toContain('notifications_user_newest_idx');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsService } from '../src/analytics/stats.service.js';
import { StatsGroupBy, StatsInterval } from '../src/analytics/stats.types.js';
import { Migration20261124070000_stats } from '../src/db/migrations/Migration20261124070000_stats.js';
import { openDatabase, type Database } from '../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// The stats migration counts the deliveries already there once, as its triggers would have
// counted them had they been there all along.

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
  const migration = new Migration20261124070000_stats(database.em.getDriver(), database.em.config);
  await migration[step]();
  for (const query of migration.getQueries()) {
    if (typeof query !== 'string') throw new Error('expected the migration to add SQL text');
    await database.em.getConnection().execute(query);
  }
}

describe('Migration20261124070000_stats', () => {
  it('backfills the rollups to what the triggers count', async () => {
    const connection = database.em.getConnection();
    const statuses = [
      'sent',
      'delivered',
      'opened',
      'clicked',
      'failed',
      'skipped',
      'bounced',
      'complained',
      'undelivered',
    ];
    // 60 notifications over three days, each with an in-app and an email delivery that move through their states.
    for (let i = 0; i < 60; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const createdAt = new Date(Date.UTC(2026, 4, 1) + i * 3_600_000 * 1.3).toISOString();
      await connection.execute(`insert into notifications (id, user_id, channels, category, priority, title, message, template_key, created_at, inbox_at)
        values ('${id}', 'm', '{in_app,email}', '${i % 3 ? 'system' : 'marketing'}', 'medium', 't', 'm', ${i % 4 ? `'t${i % 4}'` : 'null'}, '${createdAt}', '${createdAt}')`);
      await connection.execute(`insert into deliveries (id, notification_id, channel, status, created_at, updated_at, sent_at)
        values (gen_random_uuid(), '${id}', 'in_app', 'delivered', '${createdAt}', '${createdAt}', '${createdAt}'),
               (gen_random_uuid(), '${id}', 'email', 'queued', '${createdAt}', '${createdAt}', null)`);
      const status = statuses[i % statuses.length]!;
      const sent = !['failed', 'skipped'].includes(status);
      await connection.execute(`update deliveries set status = '${status}', backend = ${status === 'skipped' ? 'null' : `'mailgun'`},
          reason = ${status === 'skipped' ? `'suppressed'` : 'null'},
          sent_at = ${sent ? `created_at + interval '${i} seconds'` : 'null'},
          delivered_at = ${['delivered', 'opened', 'clicked'].includes(status) ? 'now()' : 'null'},
          opened_at = ${['opened', 'clicked'].includes(status) ? 'now()' : 'null'},
          clicked_at = ${status === 'clicked' ? 'now()' : 'null'}
        where notification_id = '${id}' and channel = 'email'`);
      if (i % 2) await connection.execute(`update notifications set read = true where id = '${id}'`);
    }
    const input = {
      from: new Date('2026-05-01T00:00:00Z'),
      to: new Date('2026-05-05T00:00:00Z'),
      interval: StatsInterval.DAY,
      groupBy: [StatsGroupBy.CHANNEL, StatsGroupBy.TEMPLATE, StatsGroupBy.CATEGORY, StatsGroupBy.BACKEND],
      timeZone: 'UTC',
    };
    const counted = await new StatsService().query(database.em.fork(), input);
    expect(counted.totals).toMatchObject({ created: 120, read: 30, skipped: 7, failed: 7 });

    await run('down');
    await run('up');
    const backfilled = await new StatsService().query(database.em.fork(), input);
    expect(backfilled).toEqual(counted);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { InboxRetention, RETENTION_BATCH_SIZE, RETENTION_CRON, RETENTION_JOB } from '../src/inbox/inbox-retention.js';
import { runSql } from '../src/sql/run-sql.js';
import { PgBoss } from 'pg-boss';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';
import { until } from './support/until.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const DAY_MS = 24 * 3600 * 1000;
const sql = <Row extends object = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  runSql<Row>(belfry.app.database.em.fork(), text, params);

async function send(userId: string, title: string, channels = ['IN_APP']): Promise<string> {
  const response = await belfry.service(
    `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
    { input: { userId, title, message: 'm', channels } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.sendNotification.id;
}

/** Moves an item back in time by `days`, and sets the given columns. */
async function age(id: string, days: number, set = ''): Promise<void> {
  const at = new Date(Date.now() - days * DAY_MS).toISOString();
  await sql(`update notifications set created_at = ?::timestamptz${set ? `, ${set}` : ''} where id = ?`, [at, id]);
}

const remaining = async (userId: string) =>
  (await sql<{ title: string }>(`select title from notifications where user_id = ? order by title`, [userId])).map(
    (row) => row.title,
  );

describe('inbox retention (INBOX_RETENTION_DAYS)', () => {
  it('schedules its job with pg-boss on a process that runs workers', async () => {
    const [schedule] = await sql<{ name: string; cron: string }>(
      `select name, cron from pgboss.schedule where name = ?`,
      [RETENTION_JOB],
    );
    expect(schedule).toEqual({ name: RETENTION_JOB, cron: RETENTION_CRON });
  });

  it.runIf(testEngine === 'postgres')(
    'runs when a job reaches its queue, on whichever process takes it (PostgreSQL: a second pg-boss sends it)',
    async () => {
      const oldRead = await send('by-job', 'old read');
      await age(oldRead, 100, `read = true`);
      const boss = new PgBoss({ connectionString: (belfry.databaseConfig as { url: string }).url, schema: 'pgboss' });
      boss.on('error', () => {});
      await boss.start();
      try {
        await boss.send(RETENTION_JOB, {});
        await until(
          () => remaining('by-job'),
          (titles) => titles.length === 0,
          { timeoutMs: 20_000, what: 'the retention job deleting the old read item' },
        );
      } finally {
        await boss.stop({ graceful: false, close: true });
      }
    },
  );

  it('deletes old read, archived and email-only items and expired ones, with their deliveries; keeps unread and recent', async () => {
    const user = 'retained';
    const oldRead = await send(user, 'old read');
    await age(oldRead, 100, `read = true, read_at = now()`);
    const oldArchived = await send(user, 'old archived');
    await age(oldArchived, 100, `archived_at = now()`);
    const oldUnread = await send(user, 'old unread');
    await age(oldUnread, 100);
    const recentRead = await send(user, 'recent read');
    await age(recentRead, 10, `read = true`);
    const expired = await send(user, 'expired');
    await sql(`update notifications set expires_at = now() - interval '1 minute' where id = ?`, [expired]);
    await send(user, 'fresh');
    // An email-only send has no inbox item; its row and delivery (skipped: the user has no address) go once old.
    const oldEmailOnly = await send(user, 'old email only', ['EMAIL']);
    await age(oldEmailOnly, 100);
    // The same, but its delivery is still queued (a send scheduled far ahead): kept.
    const oldPending = await send(user, 'old pending', ['EMAIL']);
    await age(oldPending, 100);
    await sql(`update deliveries set status = 'queued' where notification_id = ?`, [oldPending]);

    const retention = new InboxRetention(belfry.app.database.em, { retentionDays: 90 }, createLogger('silent'));
    expect(await retention.run()).toBe(4);
    expect(await remaining(user)).toEqual(['fresh', 'old pending', 'old unread', 'recent read']);
    const orphans = await sql(`select d.id from deliveries d where d.notification_id = any(?::uuid[])`, [
      `{${[oldRead, oldArchived, expired, oldEmailOnly].join(',')}}`,
    ]);
    expect(orphans).toEqual([]);
    expect(await retention.run()).toBe(0);
  });

  it('keeps everything but expired items with INBOX_RETENTION_DAYS=0', async () => {
    const user = 'forever';
    const ancient = await send(user, 'ancient read');
    await age(ancient, 3000, `read = true`);
    const expired = await send(user, 'expired');
    await sql(`update notifications set expires_at = now() - interval '1 minute' where id = ?`, [expired]);
    const retention = new InboxRetention(belfry.app.database.em, { retentionDays: 0 }, createLogger('silent'));
    expect(await retention.run()).toBe(1);
    expect(await remaining(user)).toEqual(['ancient read']);
    // Each test counts what its run removed: leave nothing retired behind.
    await sql(`delete from notifications where user_id = ?`, [user]);
  });

  it(`deletes in batches of ${RETENTION_BATCH_SIZE} until nothing old is left`, async () => {
    const user = 'bulk-old';
    const count = RETENTION_BATCH_SIZE * 2 + 5;
    await sql(
      `insert into notifications (id, user_id, channels, category, priority, title, message, read, created_at, updated_at)
       select gen_random_uuid(), ?, '{in_app}', 'system', 'medium', 'n' || i, 'm', true, now() - interval '200 days', now()
         from generate_series(1, ?) as i`,
      [user, count],
    );
    await send(user, 'unread now');
    const retention = new InboxRetention(belfry.app.database.em, { retentionDays: 90 }, createLogger('silent'));
    expect(await retention.run()).toBe(count);
    expect(await remaining(user)).toEqual(['unread now']);
  });

  it('cleanupExpiredNotifications removes expired items only, through the same batched delete', async () => {
    const user = 'cleanup';
    const expired = await send(user, 'expired');
    await sql(`update notifications set expires_at = now() - interval '1 minute' where id = ?`, [expired]);
    const oldRead = await send(user, 'old read');
    await age(oldRead, 400, `read = true`);
    const response = await belfry.service(`mutation { cleanupExpiredNotifications }`);
    expect(response.data!.cleanupExpiredNotifications).toBe(1);
    expect(await remaining(user)).toEqual(['old read']);
  });
});

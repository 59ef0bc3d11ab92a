import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { subscribe, untilSubscriptions } from './support/live.js';
import { at } from '../src/shared/at.js';

const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;
const USER = 'rollback-user';
const FAILING_TITLE = 'fails at commit';

let belfry: TestBelfry;
const sql = <T = Record<string, unknown>>(text: string): Promise<T[]> =>
  belfry.app.database.em.getConnection().execute(text);

beforeAll(async () => {
  belfry = await startTestBelfry();
  const recipient = await belfry.service(
    `mutation { upsertRecipient(input: { userId: "${USER}", email: "rollback@example.com", phone: "+15550100" }) { userId } }`,
  );
  expect(recipient.errors).toBeUndefined();
});
afterAll(() => belfry?.stop());

/** Queue jobs whose delivery row does not exist: what a send that queued outside its transaction would leave. */
async function orphanJobs(): Promise<number> {
  const rows = await sql<{ count: number | string }>(
    `select count(*) as count from pgboss.job j where j.name like 'belfry-%' and not exists (select 1 from deliveries d where d.id::text = j.data->>'deliveryId')`,
  );
  const { count } = at(rows, 0, 'count row');
  return Number(count);
}

async function jobsOfUser(): Promise<number> {
  const rows = await sql<{ count: number | string }>(
    `select count(*) as count from pgboss.job j join deliveries d on d.id::text = j.data->>'deliveryId' join notifications n on n.id = d.notification_id where n.user_id = '${USER}'`,
  );
  const { count } = at(rows, 0, 'count row');
  return Number(count);
}

describe('a send whose transaction fails after its jobs were queued', () => {
  it('leaves no queue job, no notification, no delivery and no live event', async () => {
    const added = subscribe(
      belfry.ws(`Bearer ${await belfry.tokenFor(USER)}`),
      `subscription { notificationAdded { title } }`,
    );
    await untilSubscriptions(belfry.app, 1);
    const jobsBefore = Number(at(await sql<{ count: string }>(`select count(*) as count from pgboss.job`), 0).count);

    // A deferred constraint trigger runs at COMMIT, after every statement of the send (rows,
    // then jobs), and fails it there. It first says whether the send's jobs were in the
    // transaction, so the test proves the failure came after them.
    await sql(`create function rollback_probe() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from pgboss.job j join deliveries d on d.id::text = j.data->>'deliveryId' where d.notification_id = new.id) then
          raise exception 'rollback probe: failed after the jobs were queued';
        end if;
        raise exception 'rollback probe: failed before any job was queued';
      end $$`);
    await sql(`create constraint trigger rollback_probe after insert on notifications deferrable initially deferred
      for each row when (new.title = '${FAILING_TITLE}') execute function rollback_probe()`);
    try {
      const failed = await belfry.service(SEND, {
        i: { userId: USER, title: FAILING_TITLE, message: 'm', channels: ['IN_APP', 'EMAIL', 'SMS'] },
      });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const logged = belfry.logs.filter((line) => line.msg === 'internal error while executing an operation');
      expect(JSON.stringify(logged.at(-1))).toContain('rollback probe: failed after the jobs were queued');
    } finally {
      await sql(`drop trigger rollback_probe on notifications`);
      await sql(`drop function rollback_probe()`);
    }

    expect(await orphanJobs()).toBe(0);
    expect(Number(at(await sql<{ count: string }>(`select count(*) as count from pgboss.job`), 0).count)).toBe(
      jobsBefore,
    );
    expect(await sql(`select id from notifications where user_id = '${USER}'`)).toEqual([]);
    expect(
      await sql(
        `select d.id from deliveries d join notifications n on n.id = d.notification_id where n.user_id = '${USER}'`,
      ),
    ).toEqual([]);

    // The same send without the probe commits: its jobs exist and are worked, and it is the
    // first event the subscriber sees and the only message the channels sent.
    const sent = await belfry.service(SEND, {
      i: { userId: USER, title: 'commits', message: 'm', channels: ['IN_APP', 'EMAIL', 'SMS'] },
    });
    expect(sent.errors).toBeUndefined();
    expect(await jobsOfUser()).toBe(2);
    expect((await added.next()).data).toEqual({ notificationAdded: { title: 'commits' } });
    const settled = await untilSettled(belfry, `notification_id = '${sent.data!.sendNotification.id}'`);
    expect(settled.map((row) => [row.channel, row.status])).toEqual([
      ['email', 'sent'],
      ['in_app', 'delivered'],
      ['sms', 'sent'],
    ]);
    const outbound = belfry.app.backends.outbox.messages.map((entry) => [
      entry.channel,
      (entry.message as { subject?: string; body?: string }).subject ?? (entry.message as { body?: string }).body,
    ]);
    expect(outbound.map(([channel]) => channel).sort()).toEqual(['email', 'sms']);
    expect(JSON.stringify(outbound)).not.toContain(FAILING_TITLE);
    expect(await orphanJobs()).toBe(0);
    added.stop();
    await untilSubscriptions(belfry.app, 0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe, untilSubscriptions } from './support/live.js';
import { until } from './support/until.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

async function send(userId: string, title: string): Promise<string> {
  const response = await belfry.service(
    `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
    { input: { userId, title, message: 'm' } },
  );
  return response.data!.sendNotification.id;
}
const inbox = async (userId: string) =>
  (
    await belfry.service(
      `query($u: String) { notificationCount(userId: $u) unread: notificationCount(userId: $u, unreadOnly: true)
        notifications(userId: $u) { nodes { id snoozedUntil } } }`,
      { u: userId },
    )
  ).data;
const SNOOZE = `mutation($id: ID!, $until: DateTimeISO!) { snoozeNotification(id: $id, until: $until) { id snoozedUntil } }`;

/** The state of the wake-up jobs of one item, from pg-boss's table. */
const wakeJobs = async (id: string): Promise<string[]> =>
  (
    await belfry.app.database.em
      .getConnection()
      .execute<{ state: string }[]>(
        `select state from pgboss.job where name = 'belfry-inbox-wake' and data->>'notificationId' = ?`,
        [id],
      )
  ).map((row) => row.state);

describe('snooze', () => {
  it('hides an item from the list and the counts until then, then lists it again and announces it live', async () => {
    const id = await send('sleeper', 'later please');
    await send('sleeper', 'stays');
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('sleeper')}`);
    const added = subscribe(client, `subscription { notificationAdded { id title snoozedUntil } }`);
    const counts = subscribe(client, `subscription { unreadCountChanged { count unseen } }`);
    await untilSubscriptions(belfry.app, 2);

    const wakeAt = new Date(Date.now() + 2_000);
    const snoozed = await belfry.service(SNOOZE, { id, until: wakeAt.toISOString() });
    expect(snoozed.data!.snoozeNotification).toEqual({ id, snoozedUntil: wakeAt.toISOString() });
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { count: 1, unseen: 1 } });
    const hidden = await inbox('sleeper');
    expect(hidden!.notificationCount).toBe(1);
    expect(hidden!.unread).toBe(1);
    expect(hidden!.notifications.nodes.map((node: { id: string }) => node.id)).not.toContain(id);

    expect((await added.next(15_000)).data).toEqual({
      notificationAdded: { id, title: 'later please', snoozedUntil: null },
    });
    expect(Date.now()).toBeGreaterThanOrEqual(wakeAt.getTime());
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { count: 2, unseen: 2 } });
    const back = await inbox('sleeper');
    expect(back!.notificationCount).toBe(2);
    expect(back!.notifications.nodes).toContainEqual({ id, snoozedUntil: null });
    added.stop();
    counts.stop();
  });

  it('lets a later snooze win over the wake-up of an earlier one', async () => {
    const id = await send('resnoozer', 'not yet');
    const asUser = await belfry.user('resnoozer');
    await asUser(SNOOZE, { id, until: new Date(Date.now() + 1_000).toISOString() });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await asUser(SNOOZE, { id, until: later })).data!.snoozeNotification.snoozedUntil).toBe(later);
    // The first wake-up runs and finds a different snooze: the item stays hidden.
    await until(
      () => wakeJobs(id),
      (states) => states.filter((state) => state === 'completed').length === 1,
      {
        timeoutMs: 15_000,
        what: 'the first wake-up to run',
      },
    );
    expect((await inbox('resnoozer'))!.notificationCount).toBe(0);

    const client = belfry.ws(`Bearer ${await belfry.tokenFor('resnoozer')}`);
    const added = subscribe(client, `subscription { notificationAdded { id } }`);
    await untilSubscriptions(belfry.app, 1);
    const woken = await asUser(`mutation($id: ID!) { unsnoozeNotification(id: $id) { id snoozedUntil } }`, { id });
    expect(woken.data!.unsnoozeNotification).toEqual({ id, snoozedUntil: null });
    expect((await added.next()).data).toEqual({ notificationAdded: { id } });
    expect((await inbox('resnoozer'))!.notificationCount).toBe(1);
    added.stop();
  });

  it('refuses a time in the past or more than a year ahead, naming until', async () => {
    const id = await send('snooze-checks', 'x');
    for (const when of [new Date(Date.now() - 1_000), new Date(Date.now() + 400 * 24 * 3_600_000)]) {
      const refused = await belfry.service(SNOOZE, { id, until: when.toISOString() });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['until'] } });
    }
    expect((await inbox('snooze-checks'))!.notificationCount).toBe(1);
    const intruder = await belfry.user('someone-else');
    const hidden = await intruder(SNOOZE, { id, until: new Date(Date.now() + 60_000).toISOString() });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe, untilSubscriptions } from './support/live.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;

describe('live inbox over graphql-ws', () => {
  it('delivers a notification sent with the API key to the user, with the new unread count', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('live-user')}`);
    const added = subscribe(client, `subscription { notificationAdded { id userId title message category read } }`);
    const counts = subscribe(client, `subscription { unreadCountChanged { userId count } }`);
    await untilSubscriptions(belfry.app, 2);

    const sent = await belfry.service(SEND, {
      i: { userId: 'live-user', title: 'Live!', message: 'It arrives', category: 'SECURITY' },
    });
    const item = await added.next();
    expect(item.data).toEqual({
      notificationAdded: {
        id: sent.data!.sendNotification.id,
        userId: 'live-user',
        title: 'Live!',
        message: 'It arrives',
        category: 'SECURITY',
        read: false,
      },
    });
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { userId: 'live-user', count: 1 } });

    await belfry.service(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, {
      id: sent.data!.sendNotification.id,
    });
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { userId: 'live-user', count: 0 } });
    added.stop();
    counts.stop();
    await untilSubscriptions(belfry.app, 0);
  });

  it('concurrent sends end with the exact unread count, and counts never go backwards', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('burst-user')}`);
    const counts = subscribe(client, `subscription { unreadCountChanged { count } }`);
    await untilSubscriptions(belfry.app, 1);
    const sends = 25;
    await Promise.all(
      Array.from({ length: sends }, (_, n) =>
        belfry.service(SEND, { i: { userId: 'burst-user', title: `burst ${n}`, message: 'm' } }),
      ),
    );
    // Counts are read in shared rounds: fewer events than sends, in order, the last one exact.
    const seen: number[] = [];
    while (seen.at(-1) !== sends) seen.push((await counts.next()).data!.unreadCountChanged.count);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeLessThanOrEqual(sends);
    // A later round may repeat the final count (its caller committed before the last one read); it never lowers it.
    // Rounds run one at a time and publish in order, so the round of a later mark-all-read is a
    // barrier: every count published before its 0 comes from the sends' rounds.
    const marked = await belfry.service(`mutation { markAllNotificationsRead(userId: "burst-user") }`);
    expect(marked.data).toEqual({ markAllNotificationsRead: sends });
    const beforeBarrier: number[] = [];
    for (let count; (count = (await counts.next()).data!.unreadCountChanged.count) !== 0;) beforeBarrier.push(count);
    expect(beforeBarrier.filter((count) => count !== sends)).toEqual([]);
    counts.stop();
    await untilSubscriptions(belfry.app, 0);
  });

  it("does not deliver another user's notifications", async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('quiet-user')}`);
    const added = subscribe(client, `subscription { notificationAdded { title } }`);
    await untilSubscriptions(belfry.app, 1);
    await belfry.service(SEND, { i: { userId: 'noisy-user', title: 'not for you', message: 'm' } });
    await belfry.service(SEND, { i: { userId: 'quiet-user', title: 'for you', message: 'm' } });
    expect((await added.next()).data).toEqual({ notificationAdded: { title: 'for you' } });
    expect(added.pending).toEqual([]);
    added.stop();
    await untilSubscriptions(belfry.app, 0);
  });

  it('lets a service subscribe for any user it names', async () => {
    const client = belfry.ws(`ApiKey ${API_KEY}`);
    const added = subscribe(client, `subscription { notificationAdded(userId: "watched") { title } }`);
    await untilSubscriptions(belfry.app, 1);
    await belfry.service(SEND, { i: { userId: 'watched', title: 'seen by the service', message: 'm' } });
    expect((await added.next()).data).toEqual({ notificationAdded: { title: 'seen by the service' } });
    added.stop();
    await untilSubscriptions(belfry.app, 0);
  });

  it('refuses a subscription for a malformed userId, naming it', async () => {
    const client = belfry.ws(`ApiKey ${API_KEY}`);
    for (const userId of ['u'.repeat(201), 'a\u0000']) {
      const added = subscribe(client, `subscription($u: String) { notificationAdded(userId: $u) { id } }`, {
        u: userId,
      });
      expect((await added.next()).errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: ['userId'] },
      });
      added.stop();
    }
  });

  it('publishes nothing for a send that failed', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('rollback-user')}`);
    const added = subscribe(client, `subscription { notificationAdded { title } }`);
    await untilSubscriptions(belfry.app, 1);
    // Refused at the edge: nothing reaches the database.
    const refused = await belfry.service(SEND, {
      i: { userId: 'rollback-user', title: 'broken', message: 'm', metadata: { 'nul\u0000': 1 } },
    });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['metadata'] });
    // Refused by the database inside the send's transaction: rolled back, so nothing may be published.
    const sql = (text: string) => belfry.app.database.em.getConnection().execute(text);
    await sql(`alter table notifications add constraint live_rollback_probe check (title <> 'rolled back')`);
    try {
      const failed = await belfry.service(SEND, { i: { userId: 'rollback-user', title: 'rolled back', message: 'm' } });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql(`alter table notifications drop constraint live_rollback_probe`);
    }
    await belfry.service(SEND, { i: { userId: 'rollback-user', title: 'after the failure', message: 'm' } });
    expect((await added.next()).data).toEqual({ notificationAdded: { title: 'after the failure' } });
    added.stop();
    await untilSubscriptions(belfry.app, 0);
  });

  it('gives each subscriber its own selection when many watch the same inbox', async () => {
    const token = await belfry.tokenFor('watched-by-many');
    const titles = subscribe(belfry.ws(`Bearer ${token}`), `subscription { notificationAdded { title } }`);
    const details = subscribe(
      belfry.ws(`Bearer ${token}`),
      `subscription { notificationAdded { message category deliveries { channel status } } }`,
    );
    const service = subscribe(
      belfry.ws(`ApiKey ${API_KEY}`),
      `subscription($u: String) { notificationAdded(userId: $u) { userId title } }`,
      { u: 'watched-by-many' },
    );
    await untilSubscriptions(belfry.app, 3);
    await belfry.service(SEND, {
      i: { userId: 'watched-by-many', title: 'Shared', message: 'once', category: 'BILLING' },
    });
    expect((await titles.next()).data).toEqual({ notificationAdded: { title: 'Shared' } });
    expect((await details.next()).data).toEqual({
      notificationAdded: {
        message: 'once',
        category: 'BILLING',
        deliveries: [{ channel: 'IN_APP', status: 'DELIVERED' }],
      },
    });
    expect((await service.next()).data).toEqual({ notificationAdded: { userId: 'watched-by-many', title: 'Shared' } });
    for (const subscription of [titles, details, service]) subscription.stop();
    await untilSubscriptions(belfry.app, 0);
  });
});

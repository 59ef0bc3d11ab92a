import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe, untilSubscriptions } from './support/live.js';

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
const counts = async (userId: string) =>
  (
    await belfry.service(
      `query($u: String) { all: notificationCount(userId: $u) unread: notificationCount(userId: $u, unreadOnly: true)
        unseen: notificationCount(userId: $u, unseenOnly: true) }`,
      { u: userId },
    )
  ).data;

describe('seen apart from read', () => {
  it('marks items seen without reading them, live, and counts the unseen apart', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('seer')}`);
    const live = subscribe(client, `subscription { unreadCountChanged { count unseen } }`);
    await untilSubscriptions(belfry.app, 1);
    const first = await send('seer', 'one');
    expect((await live.next()).data).toEqual({ unreadCountChanged: { count: 1, unseen: 1 } });
    const second = await send('seer', 'two');
    expect((await live.next()).data).toEqual({ unreadCountChanged: { count: 2, unseen: 2 } });

    const seen = await belfry.service(
      `mutation($ids: [ID!]!) { markNotificationsSeen(ids: $ids) { id seen seenAt read } }`,
      { ids: [first] },
    );
    expect(seen.data!.markNotificationsSeen).toMatchObject([{ id: first, seen: true, read: false }]);
    const firstSeenAt = seen.data!.markNotificationsSeen[0].seenAt;
    expect(Date.parse(firstSeenAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await live.next()).data).toEqual({ unreadCountChanged: { count: 2, unseen: 1 } });
    expect(await counts('seer')).toEqual({ all: 2, unread: 2, unseen: 1 });

    // Seeing again keeps the first time and publishes nothing new.
    const again = await belfry.service(`mutation($ids: [ID!]!) { markNotificationsSeen(ids: $ids) { seenAt } }`, {
      ids: [first, first],
    });
    expect(again.data!.markNotificationsSeen).toEqual([{ seenAt: firstSeenAt }]);

    // Reading implies seeing.
    const read = await belfry.service(`mutation($id: ID!) { markNotificationRead(id: $id) { seen read } }`, {
      id: second,
    });
    expect(read.data!.markNotificationRead).toEqual({ seen: true, read: true });
    expect((await live.next()).data).toEqual({ unreadCountChanged: { count: 1, unseen: 0 } });
    expect(await counts('seer')).toEqual({ all: 2, unread: 1, unseen: 0 });
    expect(live.pending).toEqual([]);
    live.stop();
  });

  it('filters the list by seen, and marks all seen for a user token or a named user', async () => {
    await send('seer-all', 'a');
    await send('seer-all', 'b');
    const asUser = await belfry.user('seer-all');
    const unseenList = await asUser(`{ notifications(filter: { unseen: true }) { nodes { title seen } } }`);
    expect(unseenList.data!.notifications.nodes).toEqual([
      { title: 'b', seen: false },
      { title: 'a', seen: false },
    ]);
    expect((await asUser(`mutation { markAllNotificationsSeen }`)).data!.markAllNotificationsSeen).toBe(2);
    expect((await asUser(`mutation { markAllNotificationsSeen }`)).data!.markAllNotificationsSeen).toBe(0);
    expect(await counts('seer-all')).toEqual({ all: 2, unread: 2, unseen: 0 });
    expect((await asUser(`{ notifications(filter: { unseen: false }) { nodes { title } } }`)).data).toEqual({
      notifications: { nodes: [{ title: 'b' }, { title: 'a' }] },
    });

    await send('seer-named', 'c');
    const missing = await belfry.service(`mutation { markAllNotificationsSeen }`);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['userId'] } });
    const named = await belfry.service(`mutation { markAllNotificationsSeen(userId: "seer-named") }`);
    expect(named.data!.markAllNotificationsSeen).toBe(1);
  });

  it("hides another user's items from markNotificationsSeen and checks the ids", async () => {
    const theirs = await send('seer-owner', 'private');
    const asOther = await belfry.user('seer-intruder');
    const refused = await asOther(`mutation($ids: [ID!]!) { markNotificationsSeen(ids: $ids) { id } }`, {
      ids: [theirs],
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await counts('seer-owner'))!.unseen).toBe(1);
    const bad = await asOther(`mutation { markNotificationsSeen(ids: ["42"]) { id } }`);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['ids'] } });
    const none = await asOther(`mutation { markNotificationsSeen(ids: []) { id } }`);
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('unarchive', () => {
  it('brings an archived item back into the list and the counts, live', async () => {
    const id = await send('unarchiver', 'back again');
    await belfry.service(`mutation($id: ID!) { archiveNotification(id: $id) { id } }`, { id });
    expect(await counts('unarchiver')).toEqual({ all: 0, unread: 0, unseen: 0 });

    const client = belfry.ws(`Bearer ${await belfry.tokenFor('unarchiver')}`);
    const live = subscribe(client, `subscription { unreadCountChanged { count unseen } }`);
    await untilSubscriptions(belfry.app, 1);
    const asUser = await belfry.user('unarchiver');
    const back = await asUser(`mutation($id: ID!) { unarchiveNotification(id: $id) { id archived archivedAt } }`, {
      id,
    });
    expect(back.data!.unarchiveNotification).toEqual({ id, archived: false, archivedAt: null });
    expect((await live.next()).data).toEqual({ unreadCountChanged: { count: 1, unseen: 1 } });
    expect(await counts('unarchiver')).toEqual({ all: 1, unread: 1, unseen: 1 });
    expect((await asUser(`{ notifications { nodes { id } } }`)).data!.notifications.nodes).toEqual([{ id }]);

    // Not archived: returned as it is, nothing published.
    const same = await asUser(`mutation($id: ID!) { unarchiveNotification(id: $id) { archived } }`, { id });
    expect(same.data!.unarchiveNotification).toEqual({ archived: false });
    expect(live.pending).toEqual([]);
    live.stop();

    const intruder = await belfry.user('not-the-owner');
    const refused = await intruder(`mutation($id: ID!) { unarchiveNotification(id: $id) { id } }`, { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

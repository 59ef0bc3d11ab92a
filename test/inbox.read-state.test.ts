import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

async function send(userId: string, title: string): Promise<string> {
  const response = await belfry.service(
    `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
    {
      input: { userId, title, message: 'm' },
    },
  );
  return response.data!.sendNotification.id;
}
const unread = async (userId: string) =>
  (await belfry.service(`query($u: String) { notificationCount(userId: $u, unreadOnly: true) }`, { u: userId })).data!
    .notificationCount;

describe('read state, archive and delete', () => {
  it('marks a notification read and lowers the unread count, then unread again', async () => {
    const id = await send('reader', 'one');
    await send('reader', 'two');
    expect(await unread('reader')).toBe(2);

    const read = await belfry.service(`mutation($id: ID!) { markNotificationRead(id: $id) { id read readAt } }`, {
      id,
    });
    expect(read.data!.markNotificationRead).toMatchObject({ id, read: true });
    expect(Date.parse(read.data!.markNotificationRead.readAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await unread('reader')).toBe(1);

    const again = await belfry.service(`mutation($id: ID!) { markNotificationUnread(id: $id) { read readAt } }`, {
      id,
    });
    expect(again.data!.markNotificationUnread).toEqual({ read: false, readAt: null });
    expect(await unread('reader')).toBe(2);
  });

  it('marks all read and reports how many changed', async () => {
    await send('bulk', 'a');
    await send('bulk', 'b');
    await send('bulk', 'c');
    await send('someone-else', 'untouched');
    const response = await belfry.service(`mutation { markAllNotificationsRead(userId: "bulk") }`);
    expect(response.data!.markAllNotificationsRead).toBe(3);
    expect(await unread('bulk')).toBe(0);
    expect(await unread('someone-else')).toBe(1);
    expect(
      (await belfry.service(`mutation { markAllNotificationsRead(userId: "bulk") }`)).data!.markAllNotificationsRead,
    ).toBe(0);
  });

  it('archives an item out of the inbox and its count', async () => {
    const id = await send('archiver', 'to archive');
    const archived = await belfry.service(
      `mutation($id: ID!) { archiveNotification(id: $id) { archived archivedAt } }`,
      { id },
    );
    expect(archived.data!.archiveNotification.archived).toBe(true);
    expect((await belfry.service(`{ notificationCount(userId: "archiver") }`)).data!.notificationCount).toBe(0);
    expect(await unread('archiver')).toBe(0);
  });

  it('deletes an item so it is gone for good', async () => {
    const id = await send('deleter', 'to delete');
    const deleted = await belfry.service(`mutation($id: ID!) { deleteNotification(id: $id) }`, { id });
    expect(deleted.data!.deleteNotification).toBe(id);
    const again = await belfry.service(`mutation($id: ID!) { deleteNotification(id: $id) }`, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await belfry.service(`{ notificationCount(userId: "deleter") }`)).data!.notificationCount).toBe(0);
  });

  it('lets a user change their own items with their token', async () => {
    const id = await send('self', 'mine');
    const asSelf = await belfry.user('self');
    const read = await asSelf(`mutation($id: ID!) { markNotificationRead(id: $id) { read } }`, { id });
    expect(read.data!.markNotificationRead.read).toBe(true);
    const mine = await asSelf(`{ notifications { edges { node { id read } } } notificationCount(unreadOnly: true) }`);
    expect(mine.data).toEqual({ notifications: { edges: [{ node: { id, read: true } }] }, notificationCount: 0 });
    expect((await asSelf(`mutation { markAllNotificationsRead }`)).data!.markAllNotificationsRead).toBe(0);
    expect((await asSelf(`mutation($id: ID!) { deleteNotification(id: $id) }`, { id })).data!.deleteNotification).toBe(
      id,
    );
  });
});

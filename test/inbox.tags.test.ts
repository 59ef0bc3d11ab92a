import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id tags } }`;
async function send(userId: string, title: string, tags?: string[]): Promise<{ id: string; tags: string[] }> {
  const response = await belfry.service(SEND, { input: { userId, title, message: 'm', tags } });
  expect(response.errors).toBeUndefined();
  return response.data!.sendNotification;
}

describe('tags', () => {
  it('stores normalized tags and filters lists and counts by any of them', async () => {
    expect((await send('tagged', 'invoice', [' Billing ', 'billing', 'Team:Ops'])).tags).toEqual([
      'billing',
      'team:ops',
    ]);
    await send('tagged', 'deploy', ['team:ops', 'deploys']);
    await send('tagged', 'untagged');
    await send('someone-else', 'other user', ['billing']);

    const asUser = await belfry.user('tagged');
    const titles = async (tags: string[]) =>
      (
        await asUser(`query($f: NotificationFilter) { notifications(filter: $f) { nodes { title } } }`, {
          f: { tags },
        })
      ).data!.notifications.nodes.map((node: { title: string }) => node.title);
    expect(await titles(['BILLING'])).toEqual(['invoice']);
    expect(await titles(['team:ops'])).toEqual(['deploy', 'invoice']);
    expect(await titles(['deploys', 'billing'])).toEqual(['deploy', 'invoice']);
    expect(await titles(['nothing'])).toEqual([]);
    expect(await titles([])).toEqual(['untagged', 'deploy', 'invoice']);

    const counts = await asUser(
      `{ ops: notificationCount(filter: { tags: ["team:ops"] })
         opsUnread: notificationCount(filter: { tags: ["team:ops"] }, unreadOnly: true)
         billingUnseen: notificationCount(filter: { tags: ["billing"] }, unseenOnly: true)
         all: notificationCount }`,
    );
    expect(counts.data).toEqual({ ops: 2, opsUnread: 2, billingUnseen: 1, all: 3 });
  });

  it("adds a template's tags to the send's own", async () => {
    const created = await belfry.service(
      `mutation { createTemplate(input: { key: "digest", name: "Digest", messageTemplate: "Your digest", tags: ["Digest", "weekly"] }) { tags } }`,
    );
    expect(created.data!.createTemplate.tags).toEqual(['digest', 'weekly']);
    const sent = await belfry.service(
      `mutation { sendTemplate(input: { templateKey: "digest", userId: "reader", tags: ["weekly", "eu"] }) { tags } }`,
    );
    expect(sent.data!.sendTemplate).toEqual([{ tags: ['digest', 'weekly', 'eu'] }]);
    const count = await belfry.service(`{ notificationCount(userId: "reader", filter: { tags: ["eu"] }) }`);
    expect(count.data!.notificationCount).toBe(1);
  });

  it.each([
    ['too many', Array.from({ length: 11 }, (_, index) => `t${index}`), /at most 10 tags/],
    ['a blank tag', ['ok', '  '], /tags\[1\] must be 1 to 50/],
    ['a long tag', ['x'.repeat(51)], /tags\[0\]/],
    ['a tag with spaces inside', ['two words'], /tags\[0\]/],
  ])('refuses %s, naming tags', async (_case, tags, message) => {
    const refused = await belfry.service(SEND, { input: { userId: 'tagged', title: 't', message: 'm', tags } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(message);
    const filter = await belfry.service(
      `query($t: [String!]) { notificationCount(userId: "tagged", filter: { tags: $t }) }`,
      {
        t: tags,
      },
    );
    expect(filter.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe, untilSubscriptions } from './support/live.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry({}, { INBOX_MAX_PAGE_SIZE: '250', INBOX_MARK_READ_ON_FETCH: 'true' });
});
afterAll(() => belfry?.stop());

async function send(userId: string, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const response = await belfry.service(
      `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
      { input: { userId, title: `t${index}`, message: 'm' } },
    );
    expect(response.errors).toBeUndefined();
  }
}

const PAGE = `query($u: String, $first: Int!, $unread: Boolean) {
  notifications(userId: $u, first: $first, filter: { unread: $unread }) {
    nodes { id read readAt deliveries { id status } } pageInfo { hasNextPage }
  }
}`;

describe('INBOX_MAX_PAGE_SIZE', () => {
  it('serves pages up to the setting, cost limit included, and names first above it', async () => {
    await send('pager', 3);
    // A 250-item page with each item's deliveries costs more than the default cost limit (10,000).
    const largest = await belfry.service(PAGE, { u: 'pager', first: 250 });
    expect(largest.errors).toBeUndefined();
    expect(largest.data!.notifications.nodes).toHaveLength(3);

    const over = await belfry.service(PAGE, { u: 'pager', first: 251 });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
    expect(over.errors?.[0]?.message).toMatch(/first must be an integer from 1 to 250 \(INBOX_MAX_PAGE_SIZE\)/);
    expect((await belfry.service(PAGE, { u: 'pager', first: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('INBOX_MARK_READ_ON_FETCH', () => {
  it('marks the listed unread items read, returns them read and publishes the new count', async () => {
    await send('fetcher', 3);
    const asUser = await belfry.user('fetcher');
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('fetcher')}`);
    const counts = subscribe<{ unreadCountChanged: { count: number } }>(
      client,
      `subscription { unreadCountChanged { count } }`,
    );
    await untilSubscriptions(belfry.app, 1);

    const page = await asUser(PAGE, { first: 2 });
    expect(page.errors).toBeUndefined();
    const listed = page.data!.notifications.nodes as { id: string; read: boolean; readAt: string | null }[];
    expect(listed.map((item) => item.read)).toEqual([true, true]);
    expect(listed.every((item) => item.readAt !== null)).toBe(true);
    expect((await counts.next()).data?.unreadCountChanged.count).toBe(1);

    // Only the listed page changed: the third item is still unread, and listing it marks it too.
    const rest = await asUser(PAGE, { first: 10, unread: true });
    expect(rest.data!.notifications.nodes).toHaveLength(1);
    expect((await counts.next()).data?.unreadCountChanged.count).toBe(0);
    const count = await asUser(`{ notificationCount(unreadOnly: true) }`);
    expect(count.data!.notificationCount).toBe(0);

    // A page with nothing unread changes nothing and publishes nothing.
    await asUser(PAGE, { first: 10 });
    expect(counts.pending).toHaveLength(0);
    counts.stop();
    await untilSubscriptions(belfry.app, 0);
  });
});

describe('DATA_DIR=memory://', () => {
  it('runs on an in-memory database with generated credentials, and a restart keeps nothing', async () => {
    const memory = { kind: 'pglite', dataDir: 'memory://' } as const;
    const inMemory = { database: memory, dataDir: 'memory://', apiKeys: [], jwt: {}, secretKey: undefined };
    const first = await startTestBelfry(inMemory);
    try {
      const apiKey = first.app.devCredentials?.apiKey;
      expect(apiKey).toMatch(/^dev_/);
      const sent = await first.as(`ApiKey ${apiKey}`)(
        `mutation { sendNotification(input: { userId: "ephemeral", title: "t", message: "m" }) { id } }`,
      );
      expect(sent.errors).toBeUndefined();
      const count = await first.as(`ApiKey ${apiKey}`)(`{ notificationCount(userId: "ephemeral") }`);
      expect(count.data!.notificationCount).toBe(1);
    } finally {
      await first.stop();
    }
    // Nothing was written where a DATA_DIR folder would have gone.
    expect(existsSync(resolve('memory:'))).toBe(false);
    expect(existsSync(resolve('memory:', 'dev-credentials.json'))).toBe(false);

    const second = await startTestBelfry(inMemory);
    try {
      const apiKey = second.app.devCredentials!.apiKey;
      const count = await second.as(`ApiKey ${apiKey}`)(`{ notificationCount(userId: "ephemeral") }`);
      expect(count.data!.notificationCount).toBe(0);
    } finally {
      await second.stop();
    }
  });
});

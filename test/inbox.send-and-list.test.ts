import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { until } from './support/until.js';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { id userId channels category priority title message htmlContent actionUrl metadata read readAt archived expiresAt createdAt }
}`;
const LIST = `query List($userId: String, $first: Int, $after: String, $filter: NotificationFilter) {
  notifications(userId: $userId, first: $first, after: $after, filter: $filter) {
    edges { cursor node { id title read category archived } }
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** What {@link LIST} selects. */
interface ListResult {
  notifications: {
    edges: {
      cursor: string;
      node: { id: string; title: string; read: boolean; category: string; archived: boolean };
    }[];
    nodes: { id: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());
const list = (variables: Record<string, unknown>) => belfry.service<ListResult>(LIST, variables);

async function send(input: Record<string, unknown>) {
  const response = await belfry.service(SEND, { input: { message: 'body', ...input } });
  expect(response.errors).toBeUndefined();
  return response.data!.sendNotification;
}

describe('sendNotification and the inbox queries', () => {
  it('stores every field of the seed example and returns it', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const sent = await send({
      userId: 'seed-user',
      category: 'SYSTEM',
      priority: 'MEDIUM',
      title: 'Welcome to Envoyou!',
      message: 'Your account has been created successfully.',
      htmlContent: '<p>Your account has been created.</p>',
      actionUrl: '/getting-started',
      metadata: { login_url: 'https://api.envoyou.com/login' },
      expiresAt,
    });
    expect(sent).toMatchObject({
      userId: 'seed-user',
      channels: ['IN_APP'],
      category: 'SYSTEM',
      priority: 'MEDIUM',
      title: 'Welcome to Envoyou!',
      htmlContent: '<p>Your account has been created.</p>',
      actionUrl: '/getting-started',
      metadata: { login_url: 'https://api.envoyou.com/login' },
      read: false,
      readAt: null,
      archived: false,
      expiresAt,
    });
    const fetched = await belfry.service(`query($id: ID!) { notification(id: $id) { id title metadata } }`, {
      id: sent.id,
    });
    expect(fetched.data!.notification).toEqual({
      id: sent.id,
      title: 'Welcome to Envoyou!',
      metadata: { login_url: 'https://api.envoyou.com/login' },
    });
  });

  it('lists newest first and pages through every item exactly once with opaque cursors', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await send({ userId: 'pager', title: `item ${i}` })).id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await list({ userId: 'pager', first: 10, after });
      const connection = response.data!.notifications;
      seen.push(...connection.edges.map((edge) => edge.node.id));
      expect(connection.nodes.map((node) => node.id)).toEqual(connection.edges.map((edge) => edge.node.id));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by unread, category and archived', async () => {
    const billing = await send({ userId: 'filters', title: 'invoice', category: 'BILLING' });
    const security = await send({ userId: 'filters', title: 'new login', category: 'SECURITY' });
    const archived = await send({ userId: 'filters', title: 'old news', category: 'SYSTEM' });
    await belfry.service(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, { id: security.id });
    await belfry.service(`mutation($id: ID!) { archiveNotification(id: $id) { id } }`, { id: archived.id });
    const titles = async (filter: Record<string, unknown> | null) =>
      (await list({ userId: 'filters', filter })).data!.notifications.edges.map((edge) => edge.node.title);

    expect(await titles(null)).toEqual(['new login', 'invoice']);
    expect(await titles({ unread: true })).toEqual(['invoice']);
    expect(await titles({ unread: false })).toEqual(['new login']);
    expect(await titles({ category: 'BILLING' })).toEqual(['invoice']);
    expect(await titles({ archived: true })).toEqual(['old news']);
    const billingIds = (
      await list({ userId: 'filters', filter: { category: 'BILLING' } })
    ).data!.notifications.edges.map((edge) => edge.node.id);
    expect(billingIds).toEqual([billing.id]);
  });

  it('never lists or counts an expired item, and cleanup removes it', async () => {
    await send({ userId: 'expiry', title: 'keeps' });
    const soon = await send({
      userId: 'expiry',
      title: 'expires',
      expiresAt: new Date(Date.now() + 300).toISOString(),
    });
    // Resolves as soon as the list leaves the item out (its expiry time has passed); fails if it never does.
    const titles = await until(
      async () => (await list({ userId: 'expiry' })).data!.notifications.edges.map((edge) => edge.node.title),
      (listed) => !listed.includes('expires'),
    );
    expect(titles).toEqual(['keeps']);
    const counts = await belfry.service(
      `{ all: notificationCount(userId: "expiry") unread: notificationCount(userId: "expiry", unreadOnly: true) }`,
    );
    expect(counts.data).toEqual({ all: 1, unread: 1 });
    const byId = await belfry.service(`query($id: ID!) { notification(id: $id) { id } }`, { id: soon.id });
    expect(byId.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const cleanup = await belfry.service(`mutation { cleanupExpiredNotifications }`);
    expect(cleanup.data!.cleanupExpiredNotifications).toBe(1);
    expect((await belfry.service(`mutation { cleanupExpiredNotifications }`)).data!.cleanupExpiredNotifications).toBe(
      0,
    );
  });

  it('refuses an expiresAt in the past', async () => {
    const response = await belfry.service(SEND, {
      input: { userId: 'expiry', title: 't', message: 'm', expiresAt: '2000-01-01T00:00:00Z' },
    });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['expiresAt'] });
  });
});

import { Client, cacheExchange as documentCacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange as normalizedCacheExchange } from '@urql/exchange-graphcache';
import type { Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSubscriptions } from './support/live.js';

// urql with its defaults. Its default cacheExchange is a document cache: it answers a
// repeated query from the cache, but a mutation makes it refetch every active query that
// holds the mutated type, which is a refetch by design. Updating a cached query in place
// is what Graphcache does; with no configuration at all it only works when every object
// type has an `id`, so the normalized client below is the assertion that matters.

const USER = 'urql-user';
const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;
const INBOX = `query Inbox { notifications(first: 5) { edges { cursor node { id title read } } pageInfo { endCursor hasNextPage } } }`;

interface InboxData {
  notifications: { edges: { node: { id: string; title: string; read: boolean } }[] };
}

let belfry: TestBelfry;
let authorization: string;
/** Every HTTP request urql made, as "METHOD". */
const requests: string[] = [];

function urqlClient(cache: typeof documentCacheExchange, ws: WsClient): Client {
  return new Client({
    url: `${belfry.url}/graphql`,
    exchanges: [
      cache,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
    fetchOptions: () => ({ headers: { authorization } }),
    fetch: (input, init) => {
      requests.push(init?.method ?? 'GET');
      return fetch(input, init);
    },
  });
}

beforeAll(async () => {
  belfry = await startTestBelfry();
  for (let n = 1; n <= 3; n++) await belfry.service(SEND, { i: { userId: USER, title: `item ${n}`, message: 'm' } });
  authorization = `Bearer ${await belfry.tokenFor(USER)}`;
});
afterAll(() => belfry?.stop());

describe('urql with the default (document) cacheExchange', () => {
  it('runs its default GET queries past CSRF prevention, and answers repeats from the cache', async () => {
    const client = urqlClient(documentCacheExchange, belfry.ws(authorization));
    const before = requests.length;
    const first = await client.query<InboxData>(INBOX, {}).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data!.notifications.edges.map((edge) => edge.node.title)).toEqual(['item 3', 'item 2', 'item 1']);
    // urql sends queries as GET (no Content-Type, no apollo-require-preflight): the Authorization header lets it in.
    expect(requests.slice(before)).toEqual(['GET']);
    await client.query<InboxData>(INBOX, {}).toPromise();
    expect(requests.length).toBe(before + 1);
  });
});

describe('urql with Graphcache (no configuration) and subscriptionExchange', () => {
  let client: Client;
  beforeAll(() => {
    client = urqlClient(normalizedCacheExchange({}), belfry.ws(authorization));
  });

  it('markNotificationRead updates a live query in place, without a refetch', async () => {
    const results: InboxData[] = [];
    let changed: (data: InboxData) => void = () => {};
    const subscription = client.query<InboxData>(INBOX, {}).subscribe((result) => {
      if (!result.data) return;
      results.push(result.data);
      changed(result.data);
    });
    try {
      await expect.poll(() => results.length).toBe(1);
      const [edge] = results[0]!.notifications.edges;
      const before = requests.length;
      const update = new Promise<InboxData>((resolve) => (changed = resolve));
      const mutation = await client
        .mutation(`mutation Read($id: ID!) { markNotificationRead(id: $id) { id read } }`, { id: edge!.node.id })
        .toPromise();
      expect(mutation.error).toBeUndefined();
      const updated = await update;
      expect(updated.notifications.edges[0]!.node).toMatchObject({ id: edge!.node.id, read: true });
      expect(requests.length).toBe(before + 1);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('updatePreferences updates the cached preferences without a refetch', async () => {
    const PREFERENCES = `query Prefs { preferences { id emailMarketing smsEnabled } }`;
    const first = await client.query<{ preferences: { emailMarketing: boolean } }>(PREFERENCES, {}).toPromise();
    expect(first.data!.preferences).toMatchObject({ id: USER, emailMarketing: false });
    await client
      .mutation(`mutation { updatePreferences(input: { emailMarketing: true }) { id emailMarketing } }`, {})
      .toPromise();
    const before = requests.length;
    const cached = client.readQuery<{ preferences: { emailMarketing: boolean } }>(PREFERENCES, {});
    expect(cached?.data?.preferences.emailMarketing).toBe(true);
    const again = await client.query<{ preferences: { emailMarketing: boolean } }>(PREFERENCES, {}).toPromise();
    expect(again.data!.preferences.emailMarketing).toBe(true);
    expect(requests.length).toBe(before);
  });

  it('receives the live unread count through subscriptionExchange, normalized by id', async () => {
    const count = new Promise<{ id: string; count: number }>((resolve) => {
      const subscription = client
        .subscription<{ unreadCountChanged: { id: string; count: number } }>(
          `subscription { unreadCountChanged { id userId count } }`,
          {},
        )
        .subscribe((result) => {
          if (!result.data) return;
          subscription.unsubscribe();
          resolve(result.data.unreadCountChanged);
        });
    });
    await untilSubscriptions(belfry.app, 1);
    await belfry.service(SEND, { i: { userId: USER, title: 'live', message: 'm' } });
    // 2 unread before (one was marked read above), plus this one.
    expect(await count).toMatchObject({ id: USER, count: 3 });
    await untilSubscriptions(belfry.app, 0);
  });
});

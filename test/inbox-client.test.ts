import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BelfryError,
  createBelfryClient,
  PreferencesDocument,
  type BelfryClient,
  type InboxItem,
} from '../packages/belfry-inbox/src/client/index.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

/** A promise with its resolve, for events the test awaits. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

// The headless client on its own, in Node (ws as its WebSocket), against a real Belfry.
describe('createBelfryClient', () => {
  let belfry: TestBelfry;
  let client: BelfryClient;
  let tokenCalls = 0;
  const clients: BelfryClient[] = [];

  const send = async (title: string) => {
    const result = await belfry.service<{ sendNotification: { id: string } }>(
      'mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
      { input: { userId: 'client-user', title, message: 'm' } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.sendNotification.id;
  };

  beforeAll(async () => {
    belfry = await startTestBelfry();
    const token = await belfry.tokenFor('client-user');
    client = createBelfryClient({
      url: belfry.url,
      getToken: async () => {
        tokenCalls++;
        return token;
      },
      webSocketImpl: WebSocket,
    });
    clients.push(client);
  });
  afterAll(async () => {
    await Promise.all(clients.map((each) => each.dispose()));
    await belfry?.stop();
  });

  it('pages the inbox with cursors, marks read, archives and reads preferences, typed, asking for the token each time', async () => {
    for (let i = 1; i <= 3; i++) await send(`Paged ${i}`);
    const before = tokenCalls;
    const first = await client.inbox('unread', { first: 2 });
    expect(first.items.map((item) => item.title)).toEqual(['Paged 3', 'Paged 2']);
    expect(first.hasNextPage).toBe(true);
    const second = await client.inbox('unread', { first: 2, after: first.endCursor });
    expect(second.items.map((item) => item.title)).toEqual(['Paged 1']);
    expect(tokenCalls).toBe(before + 2);

    expect((await client.markRead(first.items[0]!.id)).read).toBe(true);
    expect(await client.unreadCount()).toBe(2);
    expect((await client.archive(first.items[1]!.id)).archived).toBe(true);
    expect((await client.inbox('archived')).items.map((item) => item.title)).toEqual(['Paged 2']);
    expect(await client.markAllRead()).toBe(2); // the archived one was unread too
    const { preferences } = await client.request(PreferencesDocument, {});
    expect(preferences.inAppEnabled).toBe(true);
    expect((await client.updatePreferences({ smsMarketing: true })).smsMarketing).toBe(true);
  });

  it('delivers new items and the unread count live, and catchUp finds what came after a known item', async () => {
    const added = deferred<InboxItem>();
    const counted = deferred<number>();
    const live = deferred<true>();
    const stop = client.live({
      onNotification: (item) => added.resolve(item),
      onUnreadCount: (count) => counted.resolve(count),
      onStatus: (status) => status === 'live' && live.resolve(true),
    });
    await live.promise;
    await expect.poll(() => belfry.app.activeSubscriptions()).toBe(2);
    const id = await send('Live one');
    expect((await added.promise).id).toBe(id);
    expect(await counted.promise).toBe(1);
    stop();

    await send('Missed A');
    await send('Missed B');
    const missed = await client.catchUp('all', (known) => known === id);
    expect(missed.map((item) => item.title)).toEqual(['Missed B', 'Missed A']);
  });

  it('refusals are BelfryErrors with the GraphQL code', async () => {
    const refused = createBelfryClient({ url: `${belfry.url}/graphql`, getToken: () => 'not-a-token' });
    clients.push(refused);
    const error = await refused.unreadCount().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BelfryError);
    expect((error as BelfryError).code).toBe('UNAUTHENTICATED');
  });
});

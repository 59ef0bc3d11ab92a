import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, JWT_SECRET, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe } from './support/live.js';

let belfry: TestBelfry;
let aliceItem: string;
let bobItem: string;

beforeAll(async () => {
  belfry = await startTestBelfry();
  const send = async (userId: string) =>
    (
      await belfry.service(`mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`, {
        i: { userId, title: `for ${userId}`, message: 'm' },
      })
    ).data!.sendNotification.id;
  aliceItem = await send('alice');
  bobItem = await send('bob');
});
afterAll(() => belfry?.stop());

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;

describe('credentials', () => {
  it('answers UNAUTHENTICATED (401) without credentials', async () => {
    const response = await belfry.as(undefined)(`{ notificationCount }`);
    expect(response.status).toBe(401);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['an unknown API key', `ApiKey ${API_KEY}-wrong`],
    ['an unknown scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a malformed value', 'Bearer'],
    ['a garbage token', 'Bearer not.a.jwt'],
  ])('answers UNAUTHENTICATED for %s', async (_case, authorization) => {
    const response = await belfry.as(authorization)(`{ notificationCount }`);
    expect(response.status).toBe(401);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret, one without sub, and an expired one', async () => {
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    const expired = await belfry.tokenFor('alice', Math.floor(Date.now() / 1000) - 60);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('test-jwt-secret-0123456789abcdef-0123456789'));
    for (const token of [foreign, expired, noSub]) {
      const response = await belfry.as(`Bearer ${token}`)(`{ notificationCount }`);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    }
    expect((await belfry.as(`Bearer ${expired}`)(`{ notificationCount }`)).errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses a user token without exp, saying so, over HTTP and WebSocket', async () => {
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const response = await belfry.as(`Bearer ${forever}`)(`{ notificationCount }`);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/no "exp" claim/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      belfry.ws(`Bearer ${forever}`, { onClose: resolve }),
    );
    expect(closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/exp/) });
    // The tokens Belfry signs for development and tests always expire.
    expect(decodeJwt(await belfry.tokenFor('alice')).exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('never writes an API key or token into the logs', async () => {
    await belfry.service(`{ notificationCount(userId: "alice") }`);
    await belfry.as('ApiKey wrong-key-wrong-key-wrong')(`{ notificationCount }`);
    const text = JSON.stringify(belfry.logs);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('wrong-key-wrong-key-wrong');
  });
});

describe('a user token reaches only its own inbox', () => {
  it('reads, counts and lists its own items', async () => {
    const alice = await belfry.user('alice');
    const response = await alice(
      `query($id: ID!) { notification(id: $id) { userId } notifications { nodes { id } } notificationCount }`,
      { id: aliceItem },
    );
    expect(response.data).toEqual({
      notification: { userId: 'alice' },
      notifications: { nodes: [{ id: aliceItem }] },
      notificationCount: 1,
    });
  });

  it.each([
    ['list', `{ notifications(userId: "bob") { nodes { id } } }`],
    ['count', `{ notificationCount(userId: "bob") }`],
    ['mark all read', `mutation { markAllNotificationsRead(userId: "bob") }`],
  ])("cannot %s another user's inbox by naming them (FORBIDDEN)", async (_what, operation) => {
    const alice = await belfry.user('alice');
    expect(codeOf(await alice(operation))).toBe('FORBIDDEN');
    const bobs = await belfry.service(`query($id: ID!) { notification(id: $id) { read archived } }`, { id: bobItem });
    expect(bobs.data!.notification).toEqual({ read: false, archived: false });
  });

  it.each([
    ['read by id', `query($id: ID!) { notification(id: $id) { id } }`],
    ['mark read', `mutation($id: ID!) { markNotificationRead(id: $id) { id } }`],
    ['mark unread', `mutation($id: ID!) { markNotificationUnread(id: $id) { id } }`],
    ['archive', `mutation($id: ID!) { archiveNotification(id: $id) { id } }`],
    ['delete', `mutation($id: ID!) { deleteNotification(id: $id) }`],
    ['list the deliveries of', `query($id: ID!) { deliveries(notificationId: $id) { id } }`],
  ])(
    "cannot %s another user's notification, and is told NOT_FOUND exactly as for a missing one",
    async (_what, operation) => {
      const alice = await belfry.user('alice');
      const response = await alice(operation, { id: bobItem });
      const missingId = '5b1f9b7e-0000-4000-8000-000000000000';
      const missing = await alice(operation, { id: missingId });
      expect(response.errors?.[0]).toEqual({
        ...missing.errors?.[0],
        message: missing.errors?.[0]?.message.replace(missingId, bobItem),
      });
      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(response.status).toBe(missing.status);
      const bobs = await belfry.service(`query($id: ID!) { notification(id: $id) { read archived } }`, { id: bobItem });
      expect(bobs.data!.notification).toEqual({ read: false, archived: false });
    },
  );

  it('cannot use service-only mutations', async () => {
    const alice = await belfry.user('alice');
    const send = await alice(
      `mutation { sendNotification(input: { userId: "alice", title: "t", message: "m" }) { id } }`,
    );
    expect(codeOf(send)).toBe('FORBIDDEN');
    expect(codeOf(await alice(`mutation { cleanupExpiredNotifications }`))).toBe('FORBIDDEN');
  });
});

describe('graphql-ws credentials', () => {
  it('closes a socket without credentials with 4401 at connection_init', async () => {
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      belfry.ws(undefined, { onClose: resolve }),
    );
    const event = await closed;
    expect(event.code).toBe(4401);
    expect(event.reason).toMatch(/Authentication required/);
  });

  it('closes a socket with a bad token with 4401', async () => {
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      belfry.ws('Bearer nope', { onClose: resolve }),
    );
    expect((await closed).code).toBe(4401);
  });

  it("refuses a subscription to another user's inbox with FORBIDDEN", async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('alice')}`);
    for (const field of ['notificationAdded', 'unreadCountChanged']) {
      const selection = field === 'notificationAdded' ? '{ id }' : '{ count }';
      const subscription = subscribe(client, `subscription { ${field}(userId: "bob") ${selection} }`);
      const result = await subscription.next();
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('requires a userId for a service subscription', async () => {
    const client = belfry.ws(`ApiKey ${API_KEY}`);
    const result = await subscribe(client, `subscription { notificationAdded { id } }`).next();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['userId'] } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { graphQLBody } from './support/graphql-body.js';

const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`;

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const total = async (userId: string) =>
  (await belfry.service(`query($u: String) { notificationCount(userId: $u) }`, { u: userId })).data!.notificationCount;

describe('bad input', () => {
  it('refuses an empty title naming the field, and writes nothing', async () => {
    const response = await belfry.service(SEND, { input: { userId: 'bad', title: '   ', message: 'm' } });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['title'] });
    expect(response.errors?.[0]?.message).toContain('title should not be empty');
    expect(await total('bad')).toBe(0);
  });

  it('names every invalid field at once', async () => {
    const response = await belfry.service(SEND, {
      input: { userId: 'bad', title: '', message: '', actionUrl: 'javascript:alert(1)' },
    });
    expect(response.errors?.[0]?.extensions?.fields).toEqual(['title', 'message', 'actionUrl']);
    expect(await total('bad')).toBe(0);
  });

  it('refuses an unknown enum value in a literal, naming the field', async () => {
    const response = await belfry.service(
      `mutation { sendNotification(input: { userId: "bad", title: "t", message: "m", category: GOSSIP }) { id } }`,
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.category'] });
    expect(response.errors?.[0]?.message).toContain('GOSSIP');
  });

  it('refuses an unknown enum value in a variable, naming the field', async () => {
    const response = await belfry.service(SEND, {
      input: { userId: 'bad', title: 't', message: 'm', priority: 'SOMEDAY' },
    });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.priority'] });
    expect(response.errors?.[0]?.message).toContain('input.priority');
  });

  // Each of these reached PostgreSQL (or overflowed the stack) and came back as INTERNAL_SERVER_ERROR.
  it.each([
    ['a NUL in the title', { title: 'a\u0000b' }, 'title'],
    ['an unpaired surrogate in the message', { message: 'x\uD800' }, 'message'],
    ['a NUL in the userId', { userId: 'bad\u0000' }, 'userId'],
    ['a NUL in a metadata key', { metadata: { 'key\u0000': 1 } }, 'metadata'],
    ['a NUL deep inside a metadata value', { metadata: { a: [{ b: 'c\u0000' }] } }, 'metadata'],
    ['metadata 33 levels deep', { metadata: JSON.parse(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`) }, 'metadata'],
    ['metadata over 64 KB', { metadata: { blob: 'y'.repeat(66_000) } }, 'metadata'],
    ['a userId over 200 characters', { userId: 'u'.repeat(201) }, 'userId'],
    ['a protocol-relative actionUrl', { actionUrl: '//evil.example/phish' }, 'actionUrl'],
    ['a backslash actionUrl', { actionUrl: '/\\evil.example' }, 'actionUrl'],
    ['a sendAt more than a year ahead', { sendAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 'sendAt'],
    [
      'a sendAt after expiresAt',
      {
        sendAt: new Date(Date.now() + 7_200_000).toISOString(),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      'sendAt',
    ],
  ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_case, fields, field) => {
    const response = await belfry.service(SEND, { input: { userId: 'bad', title: 't', message: 'm', ...fields } });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [field] });
    expect(await total('bad')).toBe(0);
  });

  it('refuses metadata nested 5,000 deep without overflowing the stack', async () => {
    // JSON.stringify itself overflows on this value, so the body is written out by hand.
    const metadata = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const body = `{"query":${JSON.stringify(SEND)},"variables":{"input":{"userId":"bad","title":"t","message":"m","metadata":${metadata}}}}`;
    const response = await fetch(`${belfry.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${API_KEY}` },
      body,
    });
    expect((await graphQLBody(response)).errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['metadata'],
    });
    expect(await total('bad')).toBe(0);
  });

  it('refuses a cursor dated in a year PostgreSQL cannot read', async () => {
    const after = Buffer.from('+275760-09-13T00:00:00.000Z|5b1f9b7e-0000-4000-8000-000000000000').toString('base64url');
    const response = await belfry.service(
      `query($after: String) { notifications(userId: "bad", after: $after) { nodes { id } } }`,
      { after },
    );
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['after'] });
  });

  it('caps every userId argument at 200 characters and refuses NUL in it', async () => {
    for (const userId of ['u'.repeat(201), 'a\u0000']) {
      for (const query of [
        `query($u: String) { notificationCount(userId: $u) }`,
        `query($u: String) { preferences(userId: $u) { userId } }`,
        `mutation($u: String) { markAllNotificationsRead(userId: $u) }`,
      ]) {
        const response = await belfry.service(query, { u: userId });
        expect(response.errors?.[0]?.extensions, query).toEqual({ code: 'BAD_USER_INPUT', fields: ['userId'] });
      }
      const recipient = await belfry.service(
        `mutation($i: UpsertRecipientInput!) { upsertRecipient(input: $i) { userId } }`,
        { i: { userId, name: 'n' } },
      );
      expect(recipient.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['userId'] });
      const template = await belfry.service(`mutation($i: SendTemplateInput!) { sendTemplate(input: $i) { id } }`, {
        i: { templateKey: 'welcome', userIds: ['fine', userId] },
      });
      expect(template.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['userIds'] });
    }
    expect(await total('fine')).toBe(0);
  });

  it('refuses first > 100 and first < 1', async () => {
    for (const first of [101, 0]) {
      const response = await belfry.service(
        `query($first: Int) { notifications(userId: "bad", first: $first) { nodes { id } } }`,
        { first },
      );
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['first'] });
    }
  });

  it('refuses a malformed cursor', async () => {
    const response = await belfry.service(
      `{ notifications(userId: "bad", after: "bm90LWEtY3Vyc29y") { nodes { id } } }`,
    );
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['after'] });
  });

  it('refuses a malformed id and reports an unknown one as NOT_FOUND', async () => {
    for (const operation of [
      'query($id: ID!) { notification(id: $id) { id } }',
      'mutation($id: ID!) { markNotificationRead(id: $id) { id } }',
      'mutation($id: ID!) { deleteNotification(id: $id) }',
    ]) {
      const malformed = await belfry.service(operation, { id: '12; drop table notifications' });
      expect(malformed.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['id'] });
      const unknown = await belfry.service(operation, { id: '5b1f9b7e-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    }
  });

  it('requires userId when calling with an API key', async () => {
    const response = await belfry.service(`{ notificationCount }`);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['userId'] });
  });

  it('masks an internal error in the response and logs it in full', async () => {
    const secretDetail = 'belfry_internal_detail_marker';
    // Bad input no longer reaches the database, so make the database itself refuse the insert.
    const sql = (text: string) => belfry.app.database.em.getConnection().execute(text);
    await sql(`alter table notifications add constraint ${secretDetail} check (title <> 'refused by the database')`);
    try {
      const response = await belfry.service(SEND, {
        input: { userId: 'bad', title: 'refused by the database', message: 'm' },
      });
      expect(response.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(response)).not.toContain(secretDetail);
      const logged = belfry.logs.find((line) => line.msg === 'internal error while executing an operation');
      // In full: the database's own message, which names the constraint, and where it was thrown.
      expect(logged?.err?.message).toContain(secretDetail);
      expect(logged?.err?.stack).toContain('\n    at ');
      expect(await total('bad')).toBe(0);
    } finally {
      await sql(`alter table notifications drop constraint ${secretDetail}`);
    }
  });
});

describe('bad HTTP requests to /graphql', () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${belfry.url}/graphql`, {
      method: 'POST',
      body,
      headers: { authorization: `ApiKey ${API_KEY}`, ...headers },
    });

  it('refuses a body that is not JSON, saying so', async () => {
    const response = await post('{"query": "{ notificationCount(userId: \\"x\\") }"', {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(400);
    const body = await graphQLBody(response);
    expect(body.errors?.[0]?.message).toMatch(/^Request body is not valid JSON/);
  });

  it('refuses a body over 1 MB with 413, before reading it all', async () => {
    const response = await post(
      JSON.stringify({ query: '{ __typename }', variables: { filler: 'x'.repeat(1_100_000) } }),
      { 'content-type': 'application/json' },
    );
    expect(response.status).toBe(413);
    expect((await graphQLBody(response)).errors?.[0]?.message).toContain('larger than 1048576 bytes');
  });

  it('blocks a simple cross-site POST (CSRF prevention): text/plain without a preflight header', async () => {
    // What a cross-site form can send: no Authorization (a browser adds it only after a preflight).
    const response = await fetch(`${belfry.url}/graphql`, {
      method: 'POST',
      body: JSON.stringify({ query: `mutation { markAllNotificationsRead(userId: "csrf") }` }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
    // With Authorization it passes the CSRF check, and a text/plain body is still never run.
    const authorized = await post(JSON.stringify({ query: `mutation { markAllNotificationsRead(userId: "csrf") }` }), {
      'content-type': 'text/plain',
    });
    expect(authorized.status).toBe(400);
    expect((await graphQLBody(authorized)).data).toBeUndefined();
  });

  it('answers a query sent by GET with a preflight-proof header', async () => {
    const query = encodeURIComponent('{ notificationCount(userId: "get") }');
    const response = await fetch(`${belfry.url}/graphql?query=${query}`, {
      headers: { authorization: `ApiKey ${API_KEY}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { notificationCount: 0 } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe } from './support/live.js';

// Two production instances: one as deployed by default (pages off) with introspection
// turned on for API keys, one with ENABLE_PAGES=true and introspection left off.
let apiIntrospection: TestBelfry;
let withPages: TestBelfry;
beforeAll(async () => {
  [apiIntrospection, withPages] = await Promise.all([
    startTestBelfry({ production: true }, { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }),
    startTestBelfry({ production: true }, { NODE_ENV: 'production', ENABLE_PAGES: 'true' }),
  ]);
});
afterAll(() => Promise.all([apiIntrospection?.stop(), withPages?.stop()]));

const SCHEMA = `{ __schema { queryType { name } types { name } } }`;
const TYPE = `query Look { ...Peek } fragment Peek on Query { __type(name: "Notification") { fields { name } } }`;

describe('introspection in production', () => {
  it('is refused to a user token, even with GRAPHQL_INTROSPECTION=true', async () => {
    const user = await apiIntrospection.user('prod-user');
    for (const query of [SCHEMA, TYPE]) {
      const response = await user(query);
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]).toMatchObject({
        message: 'GraphQL introspection is not allowed for this caller',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
    expect((await user(`{ __typename notificationCount }`)).data).toEqual({
      __typename: 'Query',
      notificationCount: 0,
    });
  });

  it('is open to API keys with GRAPHQL_INTROSPECTION=true, closed without', async () => {
    const open = await apiIntrospection.service(SCHEMA);
    expect(open.data!.__schema.queryType).toEqual({ name: 'Query' });
    const closed = await withPages.service(TYPE);
    expect(closed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('is refused over WebSocket too', async () => {
    const client = apiIntrospection.ws(`Bearer ${await apiIntrospection.tokenFor('prod-user')}`);
    const result = await subscribe(client, SCHEMA).next();
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]).toMatchObject({
      message: 'GraphQL introspection is not allowed for this caller',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const service = await subscribe(apiIntrospection.ws(`ApiKey ${API_KEY}`), SCHEMA).next();
    expect(service.data?.__schema).toMatchObject({ queryType: { name: 'Query' } });
  });
});

describe('"Did you mean" suggestions in production', () => {
  const cases = [
    // A user token may name its own userId; the API key must name one.
    ['an unknown field', `{ notifications(userId: "prod-user") { nodes { titel } } }`, undefined],
    [
      'an unknown enum value',
      `{ notifications(userId: "prod-user", filter: { category: ACCOUNTS }) { nodes { id } } }`,
      undefined,
    ],
    [
      'an unknown input field in a variable',
      `query($f: NotificationFilter) { notifications(userId: "prod-user", filter: $f) { nodes { id } } }`,
      { f: { categry: 'ACCOUNT' } },
    ],
  ] as const;

  it.each(cases)('are left out of the error for %s sent with a user token', async (_case, query, variables) => {
    const response = await (await apiIntrospection.user('prod-user'))(query, variables);
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean/);
    // The same mistake by a caller who may introspect keeps its suggestion: the error text is the one graphql-js wrote.
    const service = await apiIntrospection.service(query, variables);
    expect(JSON.stringify(service.errors)).toMatch(/Did you mean/);
  });

  it('are left out over WebSocket too', async () => {
    const client = withPages.ws(`Bearer ${await withPages.tokenFor('prod-user')}`);
    const result = await subscribe(client, `subscription { notificationAdded { titel } }`).next();
    expect(result.errors?.[0]?.message).toBe('Cannot query field "titel" on type "Notification".');
  });
});

describe('pages in production', () => {
  it('are not served unless ENABLE_PAGES=true; /graphql, /healthz, /readyz and /sdk/belfry-inbox.js always are', async () => {
    for (const path of ['/', '/index.html', '/graphiql/', '/config.js']) {
      expect((await fetch(`${apiIntrospection.url}${path}`)).status, path).toBe(404);
    }
    // Apps load the inbox component from Belfry in production too.
    const sdk = await fetch(`${apiIntrospection.url}/sdk/belfry-inbox.js`);
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('access-control-allow-origin')).toBe('*');
    await sdk.arrayBuffer();
    expect((await fetch(`${apiIntrospection.url}/sdk/`)).status).toBe(404);
    for (const belfry of [apiIntrospection, withPages]) {
      expect((await fetch(`${belfry.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${belfry.url}/readyz`)).status).toBe(200);
      expect((await belfry.service(`{ notificationCount(userId: "x") }`)).data).toEqual({ notificationCount: 0 });
    }
    for (const path of ['/', '/graphiql/']) {
      const response = await fetch(`${withPages.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
    }
    // No development credentials exist in production: the pages get an empty configuration.
    expect(
      await (await fetch(`${withPages.url}/config.js`, { headers: { 'sec-fetch-site': 'same-origin' } })).text(),
    ).toBe('window.BELFRY = {};\n');
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type GraphQLResponse, type TestBelfry } from './support/belfry.js';

// Property-based fuzzing of every mutation's input over HTTP: valid inputs with some fields
// swapped for hostile values (NUL, lone surrogates, huge or deep values, odd unicode,
// numbers and dates). Whatever comes in, Belfry answers with a client error or a result,
// never INTERNAL_SERVER_ERROR, a BAD_USER_INPUT names its field, and a refused request
// writes nothing. Reproduce a failure with FUZZ_SEED=<seed printed by fast-check>.

const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let belfry: TestBelfry;
let sentId = '';

/** GraphQL over HTTP with the API key; the body is serialized by {@link serialize} so it may hold deep values. */
async function service(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const response = await fetch(`${belfry.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `ApiKey ${API_KEY}` },
    body: serialize({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

beforeAll(async () => {
  // API role only: no delivery worker changes rows behind the test's back between its two fingerprints.
  belfry = await startTestBelfry({ role: 'api' });
  const sent = await belfry.service(
    `mutation { sendNotification(input: { userId: "fuzz-owner", title: "t", message: "m" }) { id } }`,
  );
  sentId = sent.data!.sendNotification.id;
});
afterAll(async () => {
  await belfry?.stop();
});

const TABLES = [
  'notifications',
  'deliveries',
  'recipients',
  'notification_preferences',
  'push_targets',
  'notification_templates',
  'event_mappings',
  'idempotency_keys',
];

/** A digest of every row a mutation could write, pg-boss's jobs included. */
async function fingerprint(): Promise<Record<string, string>> {
  const digests = TABLES.map(
    (table) =>
      `(select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t) as ${table}`,
  );
  const [row] = await belfry.app.database.em
    .getConnection()
    .execute(
      `select ${digests.join(', ')}, (select count(*) || ':' || md5(coalesce(string_agg(id::text, '|' order by id::text), '')) from pgboss.job) as jobs`,
    );
  return row as Record<string, string>;
}

async function expectSafeOutcome(call: () => Promise<GraphQLResponse>): Promise<void> {
  const before = await fingerprint();
  const response = await call();
  expect(response.status).toBeLessThan(500);
  for (const error of response.errors ?? []) {
    expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
    if (error.extensions?.code === 'BAD_USER_INPUT')
      expect(error.extensions.fields?.length ?? 0, `fields of: ${error.message}`).toBeGreaterThan(0);
  }
  if (response.errors?.length)
    expect(await fingerprint(), `written despite: ${response.errors[0]?.message}`).toEqual(before);
}

function property<T>(arbitrary: fc.Arbitrary<T>, call: (value: T) => Promise<GraphQLResponse>) {
  return fc.assert(
    fc.asyncProperty(arbitrary, (value) => expectSafeOutcome(() => call(value))),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
}

// ---- Hostile values -------------------------------------------------------------------

const ODD = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDFFF',
  '\u202Eevil',
  '\u200B',
  '\uFEFF',
  '\uFFFF',
  '😀',
  'e\u0301',
  '\\',
  '%00',
  '\r\n',
  ' ',
  '',
  "'; drop table notifications; --",
  '{{userId}}',
  '{recipient.name}',
  '__proto__',
  'constructor',
];
const oddUnit = fc.oneof(
  fc.constantFrom('\u0000', '\uD800', '\uDC00', '\u202E', '\u200B', '\uFFFF', '\\', '\n', '\t', '\u0085'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const plain = fc.string({ minLength: 1, maxLength: 12 });
const huge = fc.constantFrom(199, 200, 201, 501, 2_001, 10_001, 100_001, 300_000).map((length) => 'x'.repeat(length));
/** Text: plain, odd characters mixed into plain text, odd constants, or very long. */
const text = fc.oneof(
  { weight: 2, arbitrary: plain },
  { weight: 3, arbitrary: fc.tuple(plain, oddUnit, plain).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: oddUnit, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: huge },
);

/**
 * `{ a: { a: … } }` or `{ list: [[…]] }` nested `depth` levels. JSON.stringify overflows the
 * stack on such values (as would any recursive walker in the server): it serializes to a
 * placeholder that {@link serialize} replaces with the nested text, built by repetition.
 */
class Deep {
  constructor(
    readonly depth: number,
    readonly array: boolean,
  ) {}
  toJSON(): string {
    return `@@deep:${this.depth}:${this.array}@@`;
  }
  text(): string {
    return this.array
      ? `{"list":${'['.repeat(this.depth)}"leaf"${']'.repeat(this.depth)}}`
      : `${'{"a":'.repeat(this.depth)}"leaf"${'}'.repeat(this.depth)}`;
  }
  [fc.toStringMethod](): string {
    return `<${this.depth} levels of ${this.array ? 'arrays' : 'objects'}>`;
  }
}
function serialize(body: unknown): string {
  return JSON.stringify(body).replace(/"@@deep:(\d+):(true|false)@@"/g, (_match, depth: string, array: string) =>
    new Deep(Number(depth), array === 'true').text(),
  );
}

const json = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.dictionary(text, fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
  fc.tuple(fc.constantFrom(30, 31, 32, 33, 100, 5_000), fc.boolean()).map(([depth, array]) => new Deep(depth, array)),
  fc.constantFrom(60_000, 70_000, 200_000).map((size) => ({ blob: 'y'.repeat(size) })),
  fc.constantFrom('not an object', 1, [], [1, 2], true),
);

const date = fc.oneof(
  fc.integer({ min: -3, max: 800 }).map((days) => new Date(Date.now() + days * 86_400_000 + 60_000).toISOString()),
  fc.date({ noInvalidDate: true }).map((value) => value.toISOString()),
  fc.constantFrom(
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '0000-01-01T00:00:00Z',
    '2024-02-30T00:00:00Z',
    'not a date',
    '',
    '\u0000',
  ),
  fc.integer(),
);
const actionUrl = fc.oneof(
  fc.constantFrom(
    '//evil.example/phish',
    '/\\evil.example',
    '/ok/path',
    'https://ok.example/x',
    'javascript:alert(1)',
    'http://a\u0000b.example',
    '/a\tb',
    'https://exa mple.example',
    '\\\\evil',
    '/%2F/evil',
    'HTTPS://UPPER.example/',
    'https://',
    'http:evil.example',
    'data:text/html,x',
    '/\u0000',
  ),
  text,
  fc.webUrl(),
);
const userId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('fuzz-user', 'fuzz-user-2') },
  { weight: 2, arbitrary: text },
);
const uuid = fc.uuid();
const id = fc.oneof(uuid, text, fc.constant(randomUUID()));
const channels = fc.oneof(fc.subarray(['IN_APP', 'EMAIL', 'SMS', 'PUSH']), fc.constant(['FAX']), fc.constant(null));
const category = fc.constantFrom('ACCOUNT', 'BILLING', 'SYSTEM', 'MARKETING', 'account', 'NOPE', '\u0000');
const priority = fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'URGENT', 'low', 'NOPE');
const cursor = fc.oneof(
  fc.tuple(date, uuid).map(([when, uuid]) => Buffer.from(`${when}|${uuid}`, 'utf8').toString('base64url')),
  text,
  fc.constant(Buffer.from('+275760-09-13T00:00:00.000Z|5b1f9b7e-0000-4000-8000-000000000000').toString('base64url')),
);

/** A valid input with some of its fields replaced by hostile values. */
function mixed<T extends object>(
  valid: T,
  hostile: { [K in keyof T]?: fc.Arbitrary<unknown> } & Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(hostile as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] })
    .map((overrides) => ({ ...valid, ...overrides }));
}

const sendOptions = {
  channels,
  actionUrl,
  metadata: json,
  expiresAt: date,
  sendAt: date,
  idempotencyKey: fc.option(text),
};

// ---- Properties -----------------------------------------------------------------------

describe('fuzzed input never causes an internal error or a partial write', () => {
  it('sendNotification', () =>
    property(
      mixed(
        { userId: 'fuzz-user', title: 'Hello', message: 'World' },
        { userId, title: text, message: text, htmlContent: text, category, priority, ...sendOptions },
      ),
      (input) =>
        service(`mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`, { input }),
    ));

  it('sendTemplate', () =>
    property(
      mixed(
        { templateKey: 'welcome', userId: 'fuzz-user' },
        {
          templateKey: fc.oneof(fc.constantFrom('welcome', 'payment_success', 'email_verification'), text),
          userId,
          userIds: fc.array(userId, { maxLength: 3 }),
          data: json,
          ...sendOptions,
        },
      ),
      (input) => service(`mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { id } }`, { input }),
    ));

  it('triggerEvent', () =>
    property(
      mixed(
        { event: 'welcome', userId: 'fuzz-user' },
        {
          event: fc.oneof(fc.constantFrom('welcome', 'billing', 'verification'), text),
          userId,
          data: json,
          ...sendOptions,
        },
      ),
      (input) => service(`mutation($input: TriggerEventInput!) { triggerEvent(input: $input) { id } }`, { input }),
    ));

  it('updatePreferences', () =>
    property(
      fc.tuple(
        userId,
        fc.dictionary(
          fc.constantFrom('emailEnabled', 'smsEnabled', 'pushMarketing', 'nope'),
          fc.oneof(fc.boolean(), fc.constant(null), text),
        ),
      ),
      ([user, input]) =>
        service(
          `mutation($userId: String, $input: PreferencesInput!) { updatePreferences(userId: $userId, input: $input) { userId } }`,
          { userId: user, input },
        ),
    ));

  it('upsertRecipient', () =>
    property(
      mixed(
        { userId: 'fuzz-user' },
        {
          userId,
          email: fc.oneof(fc.emailAddress(), text),
          phone: fc.oneof(fc.constant('+14155550123'), text),
          locale: fc.oneof(fc.constantFrom('en-GB', 'de'), text),
          timezone: fc.oneof(fc.constant('Europe/Berlin'), text),
          name: text,
          data: json,
        },
      ),
      (input) =>
        service(`mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`, { input }),
    ));

  it('registerPushTarget', () => {
    // Hosts that need no DNS query: literals, localhost, and the reserved .example names.
    const endpoint = fc
      .tuple(
        fc.constantFrom(
          'push.example',
          '127.0.0.1',
          '[::1]',
          'localhost',
          '169.254.169.254',
          '10.0.0.1',
          'bad\u0000host.example',
        ),
        text,
      )
      .map(([host, path]) => `https://${host}/${path}`);
    const keys = fc.oneof(
      fc.record({ p256dh: text, auth: text }),
      fc.constant({ p256dh: 'BNc', auth: 'aGk' }),
      fc.constant(null),
    );
    return property(
      mixed(
        { userId: 'fuzz-user', kind: 'FCM', token: 'fcm-token' },
        {
          userId,
          kind: fc.constantFrom('FCM', 'APNS', 'WEB_PUSH', 'SMOKE'),
          token: fc.oneof(endpoint, text, fc.constant(`ab${'0'.repeat(62)}`)),
          keys,
        },
      ),
      (input) =>
        service(`mutation($input: RegisterPushTargetInput!) { registerPushTarget(input: $input) { id } }`, { input }),
    );
  });

  it('createTemplate and updateTemplate', () => {
    const fields = {
      name: text,
      description: text,
      channels,
      category,
      priority,
      subjectTemplate: text,
      messageTemplate: text,
      htmlTemplate: text,
      smsTemplate: text,
      pushTitleTemplate: text,
      pushBodyTemplate: text,
      dataFields: fc.array(text, { maxLength: 3 }),
      sensitiveFields: fc.array(text, { maxLength: 3 }),
      isActive: fc.boolean(),
      critical: fc.boolean(),
    };
    const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{2,12}$/), text);
    return property(
      fc.tuple(
        fc.constantFrom('create', 'update', 'update welcome'),
        key,
        mixed({ name: 'Fuzz', messageTemplate: 'Hello' }, fields),
      ),
      ([operation, templateKey, input]) =>
        operation === 'create'
          ? service(`mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { key } }`, {
              input: { ...input, key: templateKey },
            })
          : service(
              `mutation($key: String!, $input: UpdateTemplateInput!) { updateTemplate(key: $key, input: $input) { key } }`,
              { key: operation === 'update welcome' ? 'welcome' : templateKey, input },
            ),
    );
  });

  it('markNotificationRead, archive and delete with odd ids', () =>
    property(
      fc.tuple(
        fc.oneof(id, fc.constant(sentId)),
        fc.constantFrom(
          'markNotificationRead',
          'markNotificationUnread',
          'archiveNotification',
          'retryDelivery',
          'removePushTarget',
        ),
      ),
      ([notificationId, operation]) =>
        service(
          `mutation($id: ID!) { ${operation}(id: $id) { __typename } }`.replace(
            '{ __typename }',
            operation === 'removePushTarget' ? '' : '{ __typename }',
          ),
          { id: notificationId },
        ),
    ));

  it('notifications with odd cursors, page sizes and user ids, and every userId argument', () =>
    property(
      fc.record(
        {
          userId,
          first: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(2 ** 31, 2 ** 53, 1.5, -0)),
          after: cursor,
          filter: fc.option(fc.record({ unread: fc.boolean(), category }, { requiredKeys: [] })),
        },
        { requiredKeys: ['userId'] },
      ),
      (args) =>
        service(
          `query($userId: String, $first: Int, $after: String, $filter: NotificationFilter) {
            notifications(userId: $userId, first: $first, after: $after, filter: $filter) { nodes { id } }
            notificationCount(userId: $userId) preferences(userId: $userId) { userId } recipient(userId: $userId) { userId } pushTargets(userId: $userId) { id }
          }`,
          { first: 20, ...args },
        ),
    ));

  it('markAllNotificationsRead with odd user ids', () =>
    property(userId, (user) =>
      service(`mutation($userId: String) { markAllNotificationsRead(userId: $userId) }`, { userId: user }),
    ));
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSql } from '../src/sql/run-sql.js';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';

// The seed's own requests (envoyou-notifications: "RESTful API endpoints" and the fetch
// examples), copied as they are written there. Only the Authorization header is added: the
// seed requires "proper authentication" without saying which.
const SEED = {
  create: {
    method: 'POST',
    url: '/api/notifications/',
    body: {
      user_id: 'user123',
      type: 'in_app',
      category: 'system',
      priority: 'medium',
      title: 'Welcome to Envoyou!',
      message: 'Your account has been created successfully.',
      metadata: { login_url: 'https://api.envoyou.com/login' },
    },
  },
  list: { method: 'GET', url: '/api/notifications/?user_id=user123&limit=50&unread_only=false' },
  read: { method: 'PUT', url: '/api/notifications/{notification_id}/read' },
  count: { method: 'GET', url: '/api/notifications/count?user_id=user123&unread_only=true' },
  events: [
    { method: 'POST', url: '/api/notifications/events/welcome?user_id=user123' },
    { method: 'POST', url: '/api/notifications/events/verification?user_id=user123&verification_code=ABC123' },
    { method: 'POST', url: '/api/notifications/events/password-reset?user_id=user123&reset_token=XYZ789' },
    {
      method: 'POST',
      url: '/api/notifications/events/security-alert?user_id=user123&alert_type=login&details=New device login',
    },
    { method: 'POST', url: '/api/notifications/events/billing?user_id=user123&billing_type=success&amount=29.99' },
  ],
  templates: { method: 'GET', url: '/api/notifications/templates' },
  sendTemplate: { method: 'POST', url: '/api/notifications/send-template?template_key=welcome&user_id=user123' },
  getPreferences: { method: 'GET', url: '/api/notifications/preferences/{user_id}' },
  putPreferences: {
    method: 'PUT',
    url: '/api/notifications/preferences/{user_id}',
    body: { email_enabled: true, email_marketing: false, in_app_enabled: true, push_enabled: true },
  },
  cleanup: { method: 'POST', url: '/api/notifications/cleanup' },
  // The seed's fetch examples (a browser app): list 20, mark one read, send a welcome.
  fetchList: '/api/notifications/?user_id=user123&limit=20',
  fetchRead: (notificationId: string) => `/api/notifications/${notificationId}/read`,
  fetchWelcome: '/api/notifications/events/welcome?user_id=user123',
} as const;

const SERVICE = `ApiKey ${API_KEY}`;
const USER_LIMIT = 12;

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry({}, { RATE_LIMIT_USER_PER_MINUTE: String(USER_LIMIT) });
});
afterAll(() => belfry?.stop());

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function call(
  authorization: string | undefined,
  method: string,
  url: string,
  body?: unknown,
  rawBody?: string,
): Promise<Reply> {
  const hasBody = body !== undefined || rawBody !== undefined;
  const response = await fetch(new URL(url, belfry.url), {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
const service = (method: string, url: string, body?: unknown) => call(SERVICE, method, url, body);
const asUser = async (userId: string) => {
  const authorization = `Bearer ${await belfry.tokenFor(userId)}`;
  return (method: string, url: string, body?: unknown) => call(authorization, method, url, body);
};

const NOTIFICATION_SHAPE = {
  id: expect.stringMatching(/^[0-9a-f-]{36}$/),
  user_id: 'user123',
  type: expect.any(String),
  category: expect.any(String),
  priority: expect.any(String),
  title: expect.any(String),
  message: expect.any(String),
  read: expect.any(Boolean),
  created_at: expect.any(String),
  updated_at: expect.any(String),
};

describe('the seed REST API with the seed’s own requests', () => {
  let created: string;

  it('POST /api/notifications/ creates the seed’s example notification', async () => {
    const reply = await service(SEED.create.method, SEED.create.url, SEED.create.body);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      ...NOTIFICATION_SHAPE,
      type: 'in_app',
      category: 'system',
      priority: 'medium',
      title: 'Welcome to Envoyou!',
      message: 'Your account has been created successfully.',
      metadata: { login_url: 'https://api.envoyou.com/login' },
      read: false,
      read_at: null,
      html_content: null,
      expires_at: null,
    });
    created = reply.body.id;
  });

  it('POST /api/notifications/ with an Idempotency-Key sends once, and a repeat returns the first', async () => {
    const send = () =>
      fetch(new URL(SEED.create.url, belfry.url), {
        method: 'POST',
        headers: { authorization: SERVICE, 'content-type': 'application/json', 'idempotency-key': 'rest-once' },
        body: JSON.stringify({ ...SEED.create.body, user_id: 'idempotent' }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { id: string } }));
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await service('GET', '/api/notifications/count?user_id=idempotent')).body.count).toBe(1);
  });

  it('GET /api/notifications/ lists it, and /count counts it', async () => {
    const list = await service(SEED.list.method, SEED.list.url);
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body[0]).toMatchObject({ ...NOTIFICATION_SHAPE, id: created });
    const count = await service(SEED.count.method, SEED.count.url);
    expect(count).toMatchObject({ status: 200, body: { user_id: 'user123', unread_only: true, count: 1 } });
  });

  it('PUT /api/notifications/{id}/read marks it read and lowers the unread count', async () => {
    const reply = await service(SEED.read.method, SEED.read.url.replace('{notification_id}', created));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: created, read: true, read_at: expect.any(String) });
    expect((await service(SEED.count.method, SEED.count.url)).body.count).toBe(0);
  });

  it('POST /api/notifications/events/… triggers each seed event with its query parameters', async () => {
    const bodies: Record<string, string>[] = [];
    for (const request of SEED.events) {
      const reply = await service(request.method, request.url);
      expect(reply.status, request.url).toBe(201);
      expect(reply.body).toMatchObject(NOTIFICATION_SHAPE);
      bodies.push(reply.body);
    }
    expect(bodies.map((body) => body.template_key)).toEqual([
      'welcome',
      'email_verification',
      'password_reset',
      'login_alert',
      'payment_success',
    ]);
    expect(bodies.map((body) => body.event)).toEqual([
      'welcome',
      'verification',
      'password_reset',
      'security_alert',
      'billing',
    ]);
    expect(bodies[3]?.message).toContain('New device login');
    expect(bodies[4]?.message).toContain('29.99');
  });

  it('GET /api/notifications/templates lists the thirteen seed templates in the seed’s shape', async () => {
    const reply = await service(SEED.templates.method, SEED.templates.url);
    expect(reply.status).toBe(200);
    expect(reply.body.map((template: { key: string }) => template.key)).toEqual(
      expect.arrayContaining(['welcome', 'email_verification', 'password_reset', 'ticket_resolved']),
    );
    expect(reply.body.find((template: { key: string }) => template.key === 'email_verification')).toMatchObject({
      id: expect.any(String),
      key: 'email_verification',
      name: expect.any(String),
      type: expect.any(String),
      category: 'verification',
      priority: expect.any(String),
      subject_template: expect.any(String),
      message_template: expect.stringContaining('{code}'),
      data_fields: ['code'],
      is_active: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it('POST /api/notifications/send-template sends a template', async () => {
    const reply = await service(SEED.sendTemplate.method, SEED.sendTemplate.url);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ ...NOTIFICATION_SHAPE, template_key: 'welcome' });
  });

  it('GET|PUT /api/notifications/preferences/{user_id} read and change the flat snake_case flags', async () => {
    const before = await service(SEED.getPreferences.method, SEED.getPreferences.url.replace('{user_id}', 'user123'));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      user_id: 'user123',
      email_enabled: true,
      email_marketing: false,
      in_app_enabled: true,
      in_app_security: true,
      sms_enabled: true,
      push_enabled: true,
    });
    expect(Object.keys(before.body).filter((key) => typeof before.body[key] === 'boolean')).toHaveLength(32);
    const put = await service(SEED.putPreferences.method, SEED.putPreferences.url.replace('{user_id}', 'user123'), {
      ...SEED.putPreferences.body,
      push_billing: false,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ...SEED.putPreferences.body, push_billing: false, push_security: true });
    const after = await service(SEED.getPreferences.method, SEED.getPreferences.url.replace('{user_id}', 'user123'));
    expect(after.body.push_billing).toBe(false);
  });

  it('POST /api/notifications/cleanup removes expired notifications', async () => {
    const expiring = await service('POST', '/api/notifications/', {
      ...SEED.create.body,
      user_id: 'cleanup-user',
      expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(expiring).toMatchObject({ status: 201, body: { expires_at: expect.any(String) } });
    // Let it expire (expires_at must be in the future when sent).
    await runSql(
      belfry.app.database.em.fork(),
      `update notifications set expires_at = now() - interval '1 second' where id = ?`,
      [expiring.body.id],
    );
    const reply = await service(SEED.cleanup.method, SEED.cleanup.url);
    expect(reply).toMatchObject({ status: 200, body: { removed: 1 } });
  });

  it('the seed’s fetch examples work for a signed-in user, who reads and marks but cannot send', async () => {
    const user = await asUser('user123');
    const list = await user('GET', SEED.fetchList);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.length).toBeLessThanOrEqual(20);
    const unread = list.body.find((item: { read: boolean }) => !item.read);
    const read = await user('PUT', SEED.fetchRead(unread.id));
    expect(read).toMatchObject({ status: 200, body: { id: unread.id, read: true } });
    const welcome = await user('POST', SEED.fetchWelcome);
    expect(welcome).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });
});

describe('REST auth: the same headers as GraphQL, and a user token reaches only its own user', () => {
  it('refuses a request without credentials or with a bad token (401, JSON)', async () => {
    const none = await call(undefined, 'GET', SEED.list.url);
    expect(none).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const bad = await call('Bearer not-a-jwt', 'GET', SEED.list.url);
    expect(bad).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('lets a user omit user_id or name itself, and refuses anyone else', async () => {
    await service('POST', '/api/notifications/', { ...SEED.create.body, user_id: 'alice' });
    const bob = await service('POST', '/api/notifications/', { ...SEED.create.body, user_id: 'bob' });
    const alice = await asUser('alice');
    expect((await alice('GET', '/api/notifications/')).body).toHaveLength(1);
    expect((await alice('GET', '/api/notifications/count?user_id=alice')).body.count).toBe(1);
    expect(await alice('GET', '/api/notifications/?user_id=bob')).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect((await alice('GET', '/api/notifications/preferences/bob')).status).toBe(403);
    expect((await alice('PUT', '/api/notifications/preferences/bob', { email_enabled: false })).status).toBe(403);
    // Another user's item is "not found", as if it did not exist.
    expect(await alice('PUT', `/api/notifications/${bob.body.id}/read`)).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    expect((await alice('POST', '/api/notifications/cleanup')).status).toBe(403);
    expect((await alice('GET', '/api/notifications/preferences/alice')).status).toBe(200);
  });

  it('counts REST requests against the caller’s operation limit: 429 with Retry-After', async () => {
    const user = await asUser('hasty');
    const statuses: number[] = [];
    for (let index = 0; index <= USER_LIMIT; index++) statuses.push((await user('GET', '/api/notifications/')).status);
    expect(statuses.slice(0, USER_LIMIT).every((status) => status === 200)).toBe(true);
    const refused = await user('GET', '/api/notifications/count');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', retry_after: expect.any(Number) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('REST errors: JSON with a code, and the bad parameter named', () => {
  it.each([
    ['GET', '/api/notifications/?user_id=user123&limit=abc', 'limit'],
    ['GET', '/api/notifications/?user_id=user123&limit=0', 'limit'],
    ['GET', '/api/notifications/?user_id=user123&limit=101', 'limit'],
    ['GET', '/api/notifications/?user_id=user123&unread_only=maybe', 'unread_only'],
    ['GET', '/api/notifications/?limit=5', 'user_id'],
    ['GET', `/api/notifications/?user_id=${'x'.repeat(201)}`, 'user_id'],
    ['GET', '/api/notifications/?user_id=a&user_id=b', 'user_id'],
    ['PUT', '/api/notifications/not-a-uuid/read', 'notification_id'],
    ['POST', '/api/notifications/events/verification?user_id=user123', 'verification_code'],
    ['POST', '/api/notifications/events/password-reset?user_id=user123', 'reset_token'],
    ['POST', '/api/notifications/events/billing?user_id=user123&billing_type=refund&amount=1', 'billing_type'],
    ['POST', '/api/notifications/events/welcome', 'user_id'],
    ['POST', '/api/notifications/send-template?template_key=no_such_template&user_id=user123', 'template_key'],
    ['POST', '/api/notifications/send-template?template_key=email_verification&user_id=user123', 'body.code'],
  ])('%s %s → 400 naming %s', async (method, url, field) => {
    const reply = await service(method, url);
    expect(reply.status).toBe(400);
    // The message names the parameter (template data by its own name: `code` of body.code).
    expect(reply.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining(field.split('.').pop()!),
    });
    expect(reply.body.fields).toContain(field);
  });

  it.each([
    [{ ...SEED.create.body, type: 'fax' }, 'type'],
    [{ ...SEED.create.body, category: 'gossip' }, 'category'],
    [{ ...SEED.create.body, title: undefined }, 'title'],
    [{ ...SEED.create.body, title: '   ' }, 'title'],
    [{ ...SEED.create.body, message: 'nul \u0000 inside' }, 'message'],
    [{ ...SEED.create.body, action_url: '//evil.example' }, 'action_url'],
    [{ ...SEED.create.body, expires_at: 'tomorrow' }, 'expires_at'],
    [{ ...SEED.create.body, metadata: [1, 2] }, 'metadata'],
    [{ ...SEED.create.body, colour: 'red' }, 'colour'],
  ])('POST /api/notifications/ with %j → 400 naming the field', async (body, field) => {
    const reply = await service('POST', '/api/notifications/', body);
    expect(reply).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    expect(reply.body.fields).toContain(field);
  });

  it('refuses bad preference bodies naming the fields', async () => {
    const unknown = await service('PUT', '/api/notifications/preferences/user123', { email_enabled: true, fax: 1 });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', fields: ['fax'] } });
    const notBoolean = await service('PUT', '/api/notifications/preferences/user123', { email_enabled: 'yes' });
    expect(notBoolean).toMatchObject({ status: 400, body: { fields: ['email_enabled'] } });
  });

  it('answers 404 for an unknown id, event or route', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(await service('PUT', `/api/notifications/${id}/read`)).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    expect((await service('POST', '/api/notifications/events/birthday?user_id=user123')).status).toBe(404);
    expect(await service('GET', '/api/notifications/nothing/here')).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a body that is not JSON (400) or larger than 1 MB (413)', async () => {
    const broken = await call(SERVICE, 'POST', '/api/notifications/', undefined, '{"user_id": ');
    expect(broken).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', fields: ['body'] } });
    const huge = await call(SERVICE, 'POST', '/api/notifications/', {
      ...SEED.create.body,
      message: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(huge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

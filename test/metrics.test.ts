import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { parsePrometheus, sampleValue, type Sample } from './support/prometheus.js';
import { until } from './support/until.js';
import { testEngine } from './support/database.js';

const mailgunEnv = (mailgun: FakeMailgun) => ({
  MAILGUN_API_KEY: mailgun.apiKey,
  MAILGUN_DOMAIN: mailgun.domain,
  MAILGUN_URL: mailgun.url,
  FROM_EMAIL: 'Belfry <no-reply@example.com>',
});

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await response.text());
}

describe('GET /metrics', () => {
  const mailgun = new FakeMailgun('key-metrics-0123456789', 'mg.example.com');
  let belfry: TestBelfry;
  beforeAll(async () => {
    await mailgun.start();
    belfry = await startTestBelfry({}, mailgunEnv(mailgun));
  });
  afterAll(async () => {
    await belfry?.stop();
    await mailgun.stop();
  });

  it('counts deliveries by channel, backend and status, and times each provider call', async () => {
    for (const user of ['m-1', 'm-2', 'm-3']) {
      const upsert = await belfry.service(
        `mutation($u: String!, $e: String!) { upsertRecipient(input: { userId: $u, email: $e }) { userId } }`,
        { u: user, e: `${user}@example.com` },
      );
      expect(upsert.errors).toBeUndefined();
    }
    // One Mailgun refusal for good (400) and one outage answer then success (503, 200).
    mailgun.script({ status: 400, body: { message: 'bad address' } }, { status: 503, body: { message: 'down' } });
    const send = await belfry.service(
      `mutation { sendTemplate(input: { templateKey: "password_changed", userIds: ["m-1", "m-2", "m-3"], channels: [IN_APP, EMAIL, SMS] }) { id } }`,
    );
    expect(send.errors).toBeUndefined();
    await untilSettled(belfry, `channel = 'email'`);
    const metrics = await until(
      () => scrape(belfry.url),
      (samples) =>
        (sampleValue(samples, 'belfry_deliveries_total', { channel: 'email', status: 'sent' }) ?? 0) +
          (sampleValue(samples, 'belfry_deliveries_total', { channel: 'email', status: 'failed' }) ?? 0) ===
        3,
      { what: 'three email outcomes counted' },
    );
    expect(
      sampleValue(metrics, 'belfry_deliveries_total', { channel: 'email', backend: 'mailgun', status: 'sent' }),
    ).toBe(2);
    expect(
      sampleValue(metrics, 'belfry_deliveries_total', { channel: 'email', backend: 'mailgun', status: 'failed' }),
    ).toBe(1);
    expect(
      sampleValue(metrics, 'belfry_deliveries_total', { channel: 'in_app', backend: 'none', status: 'delivered' }),
    ).toBe(3);
    expect(
      sampleValue(metrics, 'belfry_deliveries_total', { channel: 'sms', backend: 'none', status: 'skipped' }),
    ).toBe(3);
    // Four calls: the refused one, the 503, its retry, and the third user's.
    const calls = (outcome: string) =>
      sampleValue(metrics, 'belfry_provider_call_seconds_count', { channel: 'email', backend: 'mailgun', outcome });
    expect(calls('ok')).toBe(2);
    expect(calls('http_400')).toBe(1);
    expect(calls('http_503')).toBe(1);
    expect(
      sampleValue(metrics, 'belfry_provider_call_seconds_bucket', { backend: 'mailgun', outcome: 'ok', le: '+Inf' }),
    ).toBe(2);
  });

  it('times GraphQL operations by name and outcome, with unnamed ones as anonymous', async () => {
    for (let i = 0; i < 2; i++) await belfry.service(`query CountForMetrics { notificationCount(userId: "m-1") }`);
    await belfry.service(`query BadForMetrics { notificationCount(userId: "") }`);
    await belfry.service(`{ notificationCount(userId: "m-1") }`);
    await belfry.as(undefined)(`query NoKeyForMetrics { notificationCount(userId: "m-1") }`);
    const metrics = await scrape(belfry.url);
    const count = (operation: string, outcome: string) =>
      sampleValue(metrics, 'belfry_graphql_operation_seconds_count', { operation, outcome });
    expect(count('CountForMetrics', 'ok')).toBe(2);
    expect(count('BadForMetrics', 'BAD_USER_INPUT')).toBe(1);
    // Refused at authentication, before Apollo ran an operation: counted apart.
    expect(sampleValue(metrics, 'belfry_graphql_requests_refused_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(
      sampleValue(metrics, 'belfry_graphql_operation_seconds_count', {
        operation: 'anonymous',
        type: 'query',
        outcome: 'ok',
      }),
    ).toBe(1);
  });

  it('shows open sockets, running subscriptions and Node process metrics', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('m-1')}`);
    const subscription = client.iterate({ query: `subscription { notificationAdded { id } }` });
    void subscription.next();
    await until(
      async () => sampleValue(await scrape(belfry.url), 'belfry_active_subscriptions'),
      (value) => value === 1,
      { what: 'one subscription' },
    );
    const metrics = await scrape(belfry.url);
    expect(sampleValue(metrics, 'belfry_open_sockets')).toBe(1);
    expect(sampleValue(metrics, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(metrics, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    await subscription.return?.();
  });
});

describe('queue gauges, and /metrics on a worker', () => {
  // A worker sharing the API process's database needs PostgreSQL (PGlite is one process's).
  it('an API-only process shows the waiting email job and its age; a worker drains it and counts it on its health server', async () => {
    const api = await startTestBelfry({ role: 'api' });
    try {
      await api.service(`mutation { upsertRecipient(input: { userId: "q-1", email: "q-1@example.com" }) { userId } }`);
      const send = await api.service(
        `mutation { sendNotification(input: { userId: "q-1", title: "Queued", message: "Waits", channels: [EMAIL] }) { id } }`,
      );
      expect(send.errors).toBeUndefined();
      const metrics = await until(
        () => scrape(api.url),
        (samples) => (sampleValue(samples, 'belfry_queue_oldest_job_age_seconds', { channel: 'email' }) ?? 0) > 0,
        { what: 'an email job waiting' },
      );
      expect(sampleValue(metrics, 'belfry_queue_ready_jobs', { channel: 'email' })).toBe(1);
      expect(sampleValue(metrics, 'belfry_queue_ready_jobs', { channel: 'sms' })).toBe(0);

      if (testEngine === 'pglite') return;
      const worker = await startTestBelfry({ role: 'worker', database: api.databaseConfig });
      try {
        const drained = await until(
          () => scrape(worker.url),
          (samples) => sampleValue(samples, 'belfry_deliveries_total', { channel: 'email', status: 'sent' }) === 1,
          { what: 'the worker sending the queued email' },
        );
        expect(sampleValue(drained, 'belfry_queue_ready_jobs', { channel: 'email' })).toBe(0);
      } finally {
        await worker.stop();
      }
    } finally {
      await api.stop();
    }
  });
});

describe('METRICS_TOKEN', () => {
  it('requires the bearer token when set, even from loopback', async () => {
    const token = 'metrics-token-0123456789';
    const belfry = await startTestBelfry({ metricsToken: token });
    try {
      expect((await fetch(`${belfry.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${belfry.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-000000' } })).status,
      ).toBe(401);
      expect(sampleValue(await scrape(belfry.url, { authorization: `Bearer ${token}` }), 'belfry_open_sockets')).toBe(
        0,
      );
    } finally {
      await belfry.stop();
    }
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { until } from './support/until.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly type: string;
}

/** The app's webhook receiver: records every call and answers 200, or what a test scripted. */
class Receiver {
  readonly calls: Received[] = [];
  /** Statuses to answer, in turn, to calls of one event type. */
  readonly replies = new Map<string, number[]>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const { type } = JSON.parse(body) as { type: string };
        this.calls.push({ headers: req.headers, body, type });
        res.writeHead(this.replies.get(type)?.shift() ?? 200).end('thanks');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  of(type: string): Received[] {
    return this.calls.filter((call) => call.type === type);
  }
}

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url events enabled } } }`;
const ATTEMPTS = `query($id: ID!) { webhookAttempts(endpointId: $id, first: 20) { nodes { id messageId type attempt ok statusCode error } } }`;

describe('outbound webhooks, signed per Standard Webhooks', () => {
  const receiver = new Receiver();
  let belfry: TestBelfry;
  let endpointId: string;
  let secret: string;

  beforeAll(async () => {
    await receiver.start();
    belfry = await startTestBelfry({}, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_SECONDS: '1' });
    const created = await belfry.service(CREATE, {
      input: {
        url: receiver.url,
        events: ['NOTIFICATION_CREATED', 'NOTIFICATION_READ', 'NOTIFICATION_ARCHIVED', 'DELIVERY_SKIPPED'],
        description: 'the app',
      },
    });
    expect(created.errors).toBeUndefined();
    ({ secret } = created.data!.createWebhookEndpoint);
    endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    expect(secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    await belfry?.stop();
    await receiver.stop();
  });

  const send = async (userId: string) => {
    const response = await belfry.service(
      `mutation($u: String!) { sendNotification(input: { userId: $u, title: "Hook", message: "Body", channels: [IN_APP, SMS] }) { id } }`,
      { u: userId },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.sendNotification.id as string;
  };

  it('posts the events an endpoint subscribed to, each verifiable with the standardwebhooks library', async () => {
    const id = await send('hook-user');
    const calls = await until(
      () => receiver.calls.filter((call) => call.body.includes(id)),
      (found) => found.length === 2,
      { what: 'notification.created and delivery.skipped' },
    );
    expect(calls.map((call) => call.type).sort()).toEqual(['delivery.skipped', 'notification.created']);
    for (const call of calls) {
      const payload = new Webhook(secret).verify(call.body, call.headers as Record<string, string>) as {
        data: Record<string, unknown>;
      };
      expect(payload.data).toMatchObject({ notificationId: id, userId: 'hook-user' });
    }
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(24, 1).toString('base64')}`).verify(
        calls[0]!.body,
        calls[0]!.headers as Record<string, string>,
      ),
    ).toThrow();
    // In-app delivered and sent are not subscribed: never posted.
    expect(receiver.of('delivery.delivered')).toEqual([]);
  });

  it('tells of items read and archived', async () => {
    const id = await send('reader');
    const user = await belfry.user('reader');
    await user(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, { id });
    await user(`mutation($id: ID!) { archiveNotification(id: $id) { id } }`, { id });
    await until(
      () =>
        [...receiver.of('notification.read'), ...receiver.of('notification.archived')].filter((c) =>
          c.body.includes(id),
        ),
      (found) => found.length === 2,
      { what: 'read and archived events' },
    );
  });

  it('retries after a 500 with the same webhook-id, logging each attempt', async () => {
    receiver.replies.set('notification.created', [500]);
    const id = await send('retry-user');
    const created = await until(
      () => receiver.of('notification.created').filter((call) => call.body.includes(id)),
      (found) => found.length === 2,
      { what: 'a retry after the 500', timeoutMs: 20_000 },
    );
    expect(created[0]!.headers['webhook-id']).toBe(created[1]!.headers['webhook-id']);
    // The receiver answered before Belfry wrote the attempt's row: wait for both rows.
    const attempts = await until(
      async () =>
        (await belfry.service(ATTEMPTS, { id: endpointId })).data!.webhookAttempts.nodes.filter(
          (attempt: { messageId: string }) => attempt.messageId === created[0]!.headers['webhook-id'],
        ),
      (found: { id: string; attempt: number; ok: boolean; statusCode: number }[]) => found.length === 2,
      { what: 'both attempts logged' },
    );
    expect(
      attempts.map((a: { attempt: number; ok: boolean; statusCode: number }) => [a.attempt, a.ok, a.statusCode]),
    ).toEqual([
      [2, true, 200],
      [1, false, 500],
    ]);
    const redelivered = await belfry.service(`mutation($id: ID!) { redeliverWebhook(attemptId: $id) }`, {
      id: attempts[1]?.id,
    });
    expect(redelivered.data!.redeliverWebhook).toBe(true);
    await until(
      () => receiver.calls.filter((call) => call.headers['webhook-id'] === created[0]!.headers['webhook-id']),
      (found) => found.length === 3,
      { what: 'the redelivery' },
    );
  });

  it('rotates the secret: later events verify with the new one only', async () => {
    const rotated = await belfry.service(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, {
      id: endpointId,
    });
    const fresh = rotated.data!.rotateWebhookSecret.secret as string;
    expect(fresh).not.toBe(secret);
    const id = await send('rotated');
    const [call] = await until(
      () => receiver.of('notification.created').filter((c) => c.body.includes(id)),
      (found) => found.length === 1,
    );
    expect(() => new Webhook(fresh).verify(call!.body, call!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(secret).verify(call!.body, call!.headers as Record<string, string>)).toThrow();
  });

  it('disables an endpoint whose every attempt failed for 3 days', async () => {
    await belfry.app.database.em
      .getConnection()
      .execute(`update webhook_endpoints set failing_since = now() - interval '3 days 1 minute' where id = ?`, [
        endpointId,
      ]);
    receiver.replies.set('notification.created', [503]);
    await send('last-straw');
    const endpoint = await until(
      async () =>
        (await belfry.service(`{ webhookEndpoints { id enabled disabledReason } }`)).data!.webhookEndpoints[0],
      (found: { enabled: boolean; disabledReason: string | null }) => !found.enabled,
      { what: 'the endpoint disabled' },
    );
    expect(endpoint.disabledReason).toContain('HTTP 503');
  });

  it('is for API keys only, and shows no secret after creation', async () => {
    const user = await belfry.user('hook-user');
    expect((await user(`{ webhookEndpoints { id } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asked = await belfry.service(`{ webhookEndpoints { id secret } }`);
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('outbound webhook targets', () => {
  it('refuses private and loopback addresses unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set', async () => {
    const belfry = await startTestBelfry();
    try {
      for (const url of [
        'http://127.0.0.1:9/hooks',
        'http://localhost/hooks',
        'http://10.0.0.8/x',
        'http://[::1]/x',
        'ftp://example.com/x',
      ]) {
        const response = await belfry.service(CREATE, { input: { url, events: ['NOTIFICATION_CREATED'] } });
        expect(response.errors?.[0]?.extensions, url).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.url'] });
      }
    } finally {
      await belfry.stop();
    }
  });
});

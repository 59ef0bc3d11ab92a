import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../src/shared/activity.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { mailgunWebhook as signedMailgunWebhook } from './support/mailgun-webhook.js';

const SIGNING_KEY = 'mailgun-webhook-signing-key-0123456789';

/** Signed with the test's key, or another one (`key`) for a forged call. */
const mailgunWebhook = (
  eventData: Record<string, unknown>,
  options: { key?: string; timestamp?: number; token?: string } = {},
) => signedMailgunWebhook(eventData, options.key ?? SIGNING_KEY, options);

const event = (type: string, messageId: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  event: type,
  timestamp: Date.now() / 1000,
  recipient: 'ada@example.com',
  message: { headers: { 'message-id': messageId } },
  ...extra,
});

describe('Mailgun receipts at POST /webhooks/mailgun', () => {
  const mailgun = new FakeMailgun('key-receipts-0123456789', 'mg.example.com');
  let belfry: TestBelfry;
  const heard: Activity[] = [];

  beforeAll(async () => {
    await mailgun.start();
    belfry = await startTestBelfry(
      {},
      {
        MAILGUN_API_KEY: mailgun.apiKey,
        MAILGUN_DOMAIN: mailgun.domain,
        MAILGUN_URL: mailgun.url,
        MAILGUN_WEBHOOK_SIGNING_KEY: SIGNING_KEY,
        FROM_EMAIL: 'Belfry <no-reply@example.com>',
      },
    );
    belfry.app.activity.listen((activities) => {
      heard.push(...activities);
    });
    const upsert = await belfry.service(
      `mutation { upsertRecipient(input: { userId: "receipt-user", email: "ada@example.com" }) { userId } }`,
    );
    expect(upsert.errors).toBeUndefined();
  });
  afterAll(async () => {
    await belfry?.stop();
    await mailgun.stop();
  });

  const post = (body: unknown, backend = 'mailgun') =>
    fetch(`${belfry.url}/webhooks/${backend}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  /** Sends one email and returns its delivery id and the message id Mailgun gave it (no angle brackets, as events carry it). */
  async function sentEmail(
    userId = 'receipt-user',
  ): Promise<{ deliveryId: string; notificationId: string; messageId: string }> {
    const response = await belfry.service(
      `mutation($u: String!) { sendNotification(input: { userId: $u, title: "Receipt", message: "Tracked", channels: [EMAIL] }) { id } }`,
      { u: userId },
    );
    expect(response.errors).toBeUndefined();
    const notificationId = response.data!.sendNotification.id as string;
    const [delivery] = await untilSettled(belfry, `notification_id = '${notificationId}'`);
    expect(delivery?.status).toBe('sent');
    return {
      deliveryId: delivery!.id,
      notificationId,
      messageId: delivery!.provider_message_id!.replace(/^<|>$/g, ''),
    };
  }

  const deliveryOf = async (notificationId: string) =>
    (
      await belfry.service(
        `query($id: ID!) { deliveries(notificationId: $id) { status deliveredAt openedAt clickedAt bouncedAt events { type at detail } } }`,
        { id: notificationId },
      )
    ).data!.deliveries[0];

  it('moves a delivery forward through delivered and opened; a late "delivered" keeps OPENED and is recorded too', async () => {
    const { notificationId, messageId, deliveryId } = await sentEmail();
    expect((await post(mailgunWebhook(event('delivered', messageId)))).status).toBe(200);
    expect(await deliveryOf(notificationId)).toMatchObject({ status: 'DELIVERED', deliveredAt: expect.any(String) });
    expect((await post(mailgunWebhook(event('opened', messageId)))).status).toBe(200);
    expect((await post(mailgunWebhook(event('delivered', messageId)))).status).toBe(200);
    const delivery = await deliveryOf(notificationId);
    expect(delivery.status).toBe('OPENED');
    expect(delivery.events.map((e: { type: string }) => e.type)).toEqual(['delivered', 'opened', 'delivered']);
    const told = heard
      .filter((a) => a.kind === 'delivery.changed' && a.deliveryId === deliveryId)
      .map((a) => a.kind === 'delivery.changed' && a.status);
    expect(told).toEqual(['sent', 'delivered', 'opened']);
  });

  it('records the same event once, however often Mailgun retries it', async () => {
    const { notificationId, messageId } = await sentEmail();
    const delivered = event('delivered', messageId);
    const first = await post(mailgunWebhook(delivered));
    const again = await post(mailgunWebhook(delivered));
    expect(await first.json()).toEqual({ received: 1, outcomes: ['recorded'] });
    expect(await again.json()).toEqual({ received: 1, outcomes: ['duplicate'] });
    expect((await deliveryOf(notificationId)).events).toHaveLength(1);
  });

  it('a permanent failure is a hard bounce; a temporary one is recorded and changes nothing', async () => {
    // A user of its own: the hard bounce suppresses the address (see suppression.test.ts).
    await belfry.service(
      `mutation { upsertRecipient(input: { userId: "bounce-user", email: "gone@example.com" }) { userId } }`,
    );
    const { notificationId, messageId } = await sentEmail('bounce-user');
    const failure = { recipient: 'gone@example.com', 'delivery-status': { code: 550, description: 'No such mailbox' } };
    await post(mailgunWebhook(event('failed', messageId, { severity: 'temporary', ...failure })));
    expect((await deliveryOf(notificationId)).status).toBe('SENT');
    await post(mailgunWebhook(event('failed', messageId, { severity: 'permanent', ...failure })));
    const delivery = await deliveryOf(notificationId);
    expect(delivery.status).toBe('BOUNCED');
    expect(delivery.bouncedAt).toEqual(expect.any(String));
    expect(delivery.events.map((e: { type: string; detail: unknown }) => [e.type, e.detail])).toEqual([
      ['deferred', { kind: 'soft', code: 550, reason: 'No such mailbox' }],
      ['bounced', { kind: 'hard', code: 550, reason: 'No such mailbox' }],
    ]);
  });

  it('refuses a bad, missing, stale or replayed signature with 401 and writes nothing', async () => {
    const { notificationId, messageId } = await sentEmail();
    const refused = async (body: unknown) => {
      const response = await post(body);
      expect(response.status).toBe(401);
      return ((await response.json()) as { error: string }).error;
    };
    expect(await refused(mailgunWebhook(event('delivered', messageId), { key: 'someone-elses-key' }))).toMatch(
      /Invalid/,
    );
    expect(await refused({ 'event-data': event('delivered', messageId) })).toMatch(/Missing/);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(await refused(mailgunWebhook(event('delivered', messageId), { timestamp: stale }))).toMatch(/5 minutes/);
    const token = randomBytes(25).toString('hex');
    expect((await post(mailgunWebhook(event('opened', messageId), { token }))).status).toBe(200);
    expect(await refused(mailgunWebhook(event('clicked', messageId), { token }))).toMatch(/already used/);
    const delivery = await deliveryOf(notificationId);
    expect(delivery.status).toBe('OPENED');
    expect(delivery.events.map((e: { type: string }) => e.type)).toEqual(['opened']);
  });

  it('answers 200 for a message it did not send, 413 for a body over 1 MB, 404 for an unknown backend', async () => {
    const unknown = await post(mailgunWebhook(event('delivered', 'not-ours@mg.example.com')));
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ received: 1, outcomes: ['unknown_message'] });
    expect(belfry.logs.some((line) => line.msg === 'receipt for a message Belfry did not send; ignored')).toBe(true);
    const huge = await post(mailgunWebhook(event('delivered', 'x@mg.example.com', { padding: 'x'.repeat(1_100_000) })));
    expect(huge.status).toBe(413);
    expect((await post(mailgunWebhook(event('delivered', 'x@mg.example.com')), 'no-such-backend')).status).toBe(404);
  });

  it('never logs the signing key', () => {
    expect(JSON.stringify(belfry.logs)).not.toContain(SIGNING_KEY);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { mailgunWebhook } from './support/mailgun-webhook.js';

const SIGNING_KEY = 'mailgun-webhook-signing-key-suppression';

const signedEvent = (eventData: Record<string, unknown>) => mailgunWebhook(eventData, SIGNING_KEY);

const SUPPRESSIONS = `query($channel: Channel, $first: Int!, $after: String) {
  suppressions(channel: $channel, first: $first, after: $after) {
    nodes { id channel address reason backend }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('suppression: bounces and complaints stop email to an address', () => {
  const mailgun = new FakeMailgun('key-suppression-0123456789', 'mg.example.com');
  let belfry: TestBelfry;

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
  });
  afterAll(async () => {
    await belfry?.stop();
    await mailgun.stop();
  });

  async function recipient(userId: string, email: string) {
    const response = await belfry.service(
      `mutation($u: String!, $e: String!) { upsertRecipient(input: { userId: $u, email: $e }) { userId } }`,
      { u: userId, e: email },
    );
    expect(response.errors).toBeUndefined();
  }

  async function sendEmail(userId: string, extra = '') {
    const response = await belfry.service(
      `mutation($u: String!) { sendNotification(input: { userId: $u, title: "Hello", message: "Body", channels: [EMAIL]${extra} }) { id deliveries { status reason } } }`,
      { u: userId },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.sendNotification as { id: string; deliveries: { status: string; reason: string | null }[] };
  }

  async function receipt(notificationId: string, event: Record<string, unknown>) {
    const [delivery] = await untilSettled(belfry, `notification_id = '${notificationId}'`);
    const messageId = delivery!.provider_message_id!.replace(/^<|>$/g, '');
    const response = await fetch(`${belfry.url}/webhooks/mailgun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        signedEvent({
          id: randomUUID(),
          timestamp: Date.now() / 1000,
          message: { headers: { 'message-id': messageId } },
          ...event,
        }),
      ),
    });
    expect(response.status).toBe(200);
  }

  it('a hard bounce suppresses the address; the next send to it is SKIPPED suppressed, critical templates included', async () => {
    await recipient('bouncer', 'Bouncer@Example.com');
    const first = await sendEmail('bouncer');
    await receipt(first.id, { event: 'failed', severity: 'permanent', recipient: 'bouncer@example.com' });
    const suppressions = await belfry.service(SUPPRESSIONS, { channel: 'EMAIL', first: 10 });
    expect(suppressions.data!.suppressions.nodes).toContainEqual({
      id: 'email:bouncer@example.com',
      channel: 'EMAIL',
      address: 'bouncer@example.com',
      reason: 'hard_bounce',
      backend: 'mailgun',
    });
    const second = await sendEmail('bouncer');
    expect(second.deliveries).toEqual([{ status: 'SKIPPED', reason: 'suppressed' }]);
    const critical = await belfry.service(
      `mutation { sendTemplate(input: { templateKey: "password_reset", userId: "bouncer", channels: [EMAIL], data: { token: "123456" } }) { deliveries { status reason } } }`,
    );
    expect(critical.errors).toBeUndefined();
    expect(critical.data!.sendTemplate[0].deliveries).toEqual([{ status: 'SKIPPED', reason: 'suppressed' }]);
  });

  it('a complaint suppresses the address the recipient has on file', async () => {
    await recipient('complainer', 'complainer@example.com');
    const sent = await sendEmail('complainer');
    await receipt(sent.id, { event: 'complained' });
    expect((await sendEmail('complainer')).deliveries).toEqual([{ status: 'SKIPPED', reason: 'suppressed' }]);
    const removed = await belfry.service(
      `mutation { removeSuppression(channel: EMAIL, address: "COMPLAINER@example.com") { address reason } }`,
    );
    expect(removed.data!.removeSuppression).toEqual({ address: 'complainer@example.com', reason: 'complaint' });
    const again = await sendEmail('complainer');
    expect(again.deliveries[0]?.reason).toBeNull();
    const [delivery] = await untilSettled(belfry, `notification_id = '${again.id}'`);
    expect(delivery?.status).toBe('sent');
  });

  it('a suppression added after a delivery was queued is honoured by the worker', async () => {
    await recipient('late', 'late@example.com');
    const sendAt = new Date(Date.now() + 1_500).toISOString();
    const scheduled = await sendEmail('late', `, sendAt: "${sendAt}"`);
    expect(scheduled.deliveries).toEqual([{ status: 'QUEUED', reason: null }]);
    const added = await belfry.service(
      `mutation { addSuppression(input: { channel: EMAIL, address: "late@example.com", reason: "asked us by phone" }) { address reason backend } }`,
    );
    expect(added.data!.addSuppression).toEqual({
      address: 'late@example.com',
      reason: 'asked us by phone',
      backend: null,
    });
    const [delivery] = await untilSettled(belfry, `notification_id = '${scheduled.id}'`);
    expect(delivery).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    expect(mailgun.accepted.some((message) => message.fields.to?.includes('late@example.com'))).toBe(false);
  });

  it('pages the list newest first, and refuses bad input naming the field', async () => {
    for (const address of ['+14155550101', '+1 (415) 555-0102'])
      await belfry.service(
        `mutation($a: String!) { addSuppression(input: { channel: SMS, address: $a }) { address } }`,
        {
          a: address,
        },
      );
    const page1 = await belfry.service(SUPPRESSIONS, { channel: 'SMS', first: 1 });
    expect(page1.data!.suppressions.nodes).toEqual([
      { id: 'sms:+14155550102', channel: 'SMS', address: '+14155550102', reason: 'manual', backend: null },
    ]);
    expect(page1.data!.suppressions.pageInfo.hasNextPage).toBe(true);
    const page2 = await belfry.service(SUPPRESSIONS, {
      channel: 'SMS',
      first: 1,
      after: page1.data!.suppressions.pageInfo.endCursor,
    });
    expect(page2.data!.suppressions.nodes.map((node: { address: string }) => node.address)).toEqual(['+14155550101']);
    expect(page2.data!.suppressions.pageInfo.hasNextPage).toBe(false);

    const bad = await belfry.service(
      `mutation { addSuppression(input: { channel: SMS, address: "not a number" }) { address } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['address'] });
    const push = await belfry.service(
      `mutation { addSuppression(input: { channel: PUSH, address: "x@y.z" }) { address } }`,
    );
    expect(push.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['channel'] });
    const missing = await belfry.service(
      `mutation { removeSuppression(channel: EMAIL, address: "nobody@example.com") { address } }`,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('is for API keys only', async () => {
    const user = await belfry.user('bouncer');
    const listed = await user(SUPPRESSIONS, { first: 5 });
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const removed = await user(
      `mutation { removeSuppression(channel: EMAIL, address: "bouncer@example.com") { address } }`,
    );
    expect(removed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

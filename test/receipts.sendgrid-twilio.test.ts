import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeSendGrid } from './support/fakes/fake-sendgrid.js';
import { FakeTwilio } from './support/fakes/fake-twilio.js';

const DELIVERY = `query($id: ID!) { deliveries(notificationId: $id) { status reason events { type detail } } }`;

async function recipient(belfry: TestBelfry, userId: string, contact: Record<string, string>) {
  const response = await belfry.service(
    `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
    { input: { userId, ...contact } },
  );
  expect(response.errors).toBeUndefined();
}

async function send(belfry: TestBelfry, userId: string, channel: 'EMAIL' | 'SMS') {
  const response = await belfry.service(
    `mutation($u: String!, $c: Channel!) { sendNotification(input: { userId: $u, title: "Hi", message: "Body", channels: [$c] }) { id } }`,
    { u: userId, c: channel },
  );
  expect(response.errors).toBeUndefined();
  const id = response.data!.sendNotification.id as string;
  const [delivery] = await untilSettled(belfry, `notification_id = '${id}'`);
  return { id, delivery: delivery! };
}

describe('SendGrid Event Webhook receipts (ECDSA)', () => {
  const sendgrid = new FakeSendGrid('SG.receipts-test-key');
  // The key pair SendGrid keeps: it signs with the private key; its settings page shows the public one (base64 DER).
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  let belfry: TestBelfry;

  beforeAll(async () => {
    await sendgrid.start();
    belfry = await startTestBelfry(
      {},
      {
        SENDGRID_API_KEY: sendgrid.apiKey,
        SENDGRID_URL: sendgrid.url,
        SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        FROM_EMAIL: 'Belfry <no-reply@example.com>',
      },
    );
  });
  afterAll(async () => {
    await belfry?.stop();
    await sendgrid.stop();
  });

  /** Posts events as SendGrid does: the body signed (with the timestamp header in front) with ECDSA P-256 / SHA-256. */
  function post(events: unknown[], options: { tamper?: boolean } = {}) {
    const body = JSON.stringify(events) + '\r\n';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createSign('sha256')
      .update(timestamp + body)
      .sign(privateKey)
      .toString('base64');
    return fetch(`${belfry.url}/webhooks/sendgrid`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature,
        'x-twilio-email-event-webhook-timestamp': timestamp,
      },
      body: options.tamper ? body.replace('delivered', 'open') : body,
    });
  }

  it('verifies the signature, applies a batch of events, and a spam report suppresses the address', async () => {
    await recipient(belfry, 'sg-user', { email: 'sg-user@example.com' });
    const { id, delivery } = await send(belfry, 'sg-user', 'EMAIL');
    const sgMessageId = `${delivery.provider_message_id}.filterdrecv-5645d9c87f-78xsx-1-5F4E6B5C-1.0`;
    const event = (name: string, extra: Record<string, unknown> = {}) => ({
      email: 'sg-user@example.com',
      timestamp: Math.floor(Date.now() / 1000),
      event: name,
      sg_event_id: randomUUID(),
      sg_message_id: sgMessageId,
      ...extra,
    });
    const response = await post([event('processed'), event('delivered'), event('open')]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 2, outcomes: ['recorded', 'recorded'] });
    expect((await belfry.service(DELIVERY, { id })).data!.deliveries[0]).toMatchObject({ status: 'OPENED' });

    expect((await post([event('delivered')], { tamper: true })).status).toBe(401);
    const unsigned = await fetch(`${belfry.url}/webhooks/sendgrid`, { method: 'POST', body: '[]' });
    expect(unsigned.status).toBe(401);

    await post([event('spamreport')]);
    const after = (await belfry.service(DELIVERY, { id })).data!.deliveries[0];
    expect(after.status).toBe('COMPLAINED');
    expect(after.events.map((e: { type: string }) => e.type)).toEqual(['delivered', 'opened', 'complained']);
    const next = await belfry.service(
      `mutation { sendNotification(input: { userId: "sg-user", title: "Again", message: "Body", channels: [EMAIL] }) { deliveries { status reason } } }`,
    );
    expect(next.data!.sendNotification.deliveries).toEqual([{ status: 'SKIPPED', reason: 'suppressed' }]);
  });
});

describe('Twilio status callbacks and opt-outs', () => {
  const fakeTwilio = new FakeTwilio(`AC${'b'.repeat(32)}`, 'twilio-receipts-token');
  const PUBLIC_URL = 'https://belfry.example.com';
  let belfry: TestBelfry;

  beforeAll(async () => {
    await fakeTwilio.start();
    belfry = await startTestBelfry(
      {},
      {
        TWILIO_ACCOUNT_SID: fakeTwilio.accountSid,
        TWILIO_AUTH_TOKEN: fakeTwilio.authToken,
        TWILIO_FROM: '+15005550006',
        TWILIO_URL: fakeTwilio.url,
        PUBLIC_URL,
      },
    );
  });
  afterAll(async () => {
    await belfry?.stop();
    await fakeTwilio.stop();
  });

  /** Posts a form as Twilio does, signed over the URL it calls (the StatusCallback Belfry set) and the sorted parameters. */
  function post(params: Record<string, string>, authToken = fakeTwilio.authToken) {
    const signature = twilio.getExpectedTwilioSignature(authToken, `${PUBLIC_URL}/webhooks/twilio`, params);
    return fetch(`${belfry.url}/webhooks/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
  }

  it('sets the StatusCallback on each send and takes signed status callbacks', async () => {
    await recipient(belfry, 'tw-user', { phone: '+14155550111' });
    const { id, delivery } = await send(belfry, 'tw-user', 'SMS');
    expect(fakeTwilio.accepted.at(-1)?.StatusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio`);
    const callback = { MessageSid: delivery.provider_message_id!, MessageStatus: 'delivered', To: '+14155550111' };
    expect((await post(callback, 'wrong-token')).status).toBe(401);
    expect((await post(callback)).status).toBe(200);
    expect((await post(callback)).status).toBe(200);
    const result = (await belfry.service(DELIVERY, { id })).data!.deliveries[0];
    expect(result).toMatchObject({
      status: 'DELIVERED',
      events: [{ type: 'delivered', detail: { status: 'delivered' } }],
    });
  });

  it('an inbound STOP, or error 21610 on a send, suppresses the number', async () => {
    expect(
      (
        await post({
          MessageSid: `SM${'1'.repeat(32)}`,
          From: '+14155550122',
          Body: 'Stop',
          SmsStatus: 'received',
          OptOutType: 'STOP',
        })
      ).status,
    ).toBe(200);
    await recipient(belfry, 'stopper', { phone: '+14155550122' });
    const skipped = await belfry.service(
      `mutation { sendNotification(input: { userId: "stopper", title: "Hi", message: "Body", channels: [SMS] }) { deliveries { status reason } } }`,
    );
    expect(skipped.data!.sendNotification.deliveries).toEqual([{ status: 'SKIPPED', reason: 'suppressed' }]);

    await recipient(belfry, 'refused', { phone: '+14155550133' });
    fakeTwilio.script({
      status: 400,
      body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 },
    });
    const { delivery } = await send(belfry, 'refused', 'SMS');
    expect(delivery.status).toBe('failed');
    const suppressions = await belfry.service(
      `{ suppressions(channel: SMS, first: 10) { nodes { address reason backend } } }`,
    );
    expect(suppressions.data!.suppressions.nodes).toEqual(
      expect.arrayContaining([
        { address: '+14155550122', reason: 'opt_out', backend: 'twilio' },
        { address: '+14155550133', reason: 'opt_out', backend: 'twilio' },
      ]),
    );
  });
});

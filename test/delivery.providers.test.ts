import webPush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { deliveryRows, untilSettled } from './support/deliveries.js';
import { FakeApns } from './support/fakes/fake-apns.js';
import { FakeFcm } from './support/fakes/fake-fcm.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { FakeSmtp } from './support/fakes/fake-smtp.js';
import { FakeTwilio } from './support/fakes/fake-twilio.js';
import { FakeWebPush } from './support/fakes/fake-web-push.js';
import { selfSignedCertificate } from './support/fakes/tls.js';
import { at } from '../src/shared/at.js';

// End to end through the real providers' protocols: each describe starts the fakes it needs and
// a Belfry of its own, configured the way an operator would, with plain environment variables.
// How each adapter classifies answers is the contract suites' business (test/channels.*.contract.test.ts).

const tls = selfSignedCertificate();

interface Fake {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `fakes`, then a Belfry with the environment `env()` gives (read once they listen); stops both after the describe. */
function belfryWith(fakes: Fake[], env: () => Record<string, string>) {
  let belfry: TestBelfry;
  beforeAll(async () => {
    await Promise.all(fakes.map((fake) => fake.start()));
    belfry = await startTestBelfry({}, { DELIVERY_RETRY_LIMIT: '1', ...env() });
  });
  afterAll(async () => {
    await belfry?.stop();
    await Promise.all(fakes.map((fake) => fake.stop()));
  });
  return {
    get belfry() {
      return belfry;
    },
    // Arrow functions: callers destructure them.
    recipient: async (userId: string, contact: Record<string, string>) => {
      const response = await belfry.service(
        `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
        { input: { userId, ...contact } },
      );
      expect(response.errors).toBeUndefined();
    },
    send: async (input: Record<string, unknown>) => {
      const response = await belfry.service(
        `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
        { input: { title: 'Hello', message: 'Plain body', ...input } },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.sendNotification.id as string;
    },
    deliveriesOf: (notificationId: string) => untilSettled(belfry, `notification_id = '${notificationId}'`),
  };
}

const newMailgun = () => new FakeMailgun('key-test-0123456789', 'mg.example.com');
const newSmtp = () => new FakeSmtp({ user: 'relay', password: 'relay-pass', tls, implicitTls: true });
const newTwilio = () => new FakeTwilio(`AC${'a'.repeat(32)}`, 'twilio-token-0123');
const mailgunEnv = (mailgun: FakeMailgun) => ({
  MAILGUN_API_KEY: mailgun.apiKey,
  MAILGUN_DOMAIN: mailgun.domain,
  MAILGUN_URL: mailgun.url,
  FROM_EMAIL: 'Belfry <no-reply@example.com>',
});
// The fakes' self-signed certificate, trusted the way an operator trusts an internal CA.
const smtpEnv = (smtp: FakeSmtp) => ({
  SMTP_URL: `smtps://relay:relay-pass@127.0.0.1:${smtp.port}`,
  FROM_EMAIL: 'Belfry <no-reply@example.com>',
  PROVIDER_CA: tls.cert,
});
const twilioEnv = (twilio: FakeTwilio) => ({
  TWILIO_ACCOUNT_SID: twilio.accountSid,
  TWILIO_AUTH_TOKEN: twilio.authToken,
  TWILIO_FROM: '+15005550006',
  TWILIO_URL: twilio.url,
});

describe('email through Mailgun', () => {
  const mailgun = newMailgun();
  const { recipient, send, deliveriesOf } = belfryWith([mailgun], () => mailgunEnv(mailgun));

  it('sends a multipart form with basic auth to the domain path and records the message id', async () => {
    await recipient('mail-user', { email: 'ada@example.com' });
    const id = await send({ userId: 'mail-user', channels: ['EMAIL'], htmlContent: '<p>Hi <b>Ada</b></p>' });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 1, last_error: null });
    expect(delivery.provider_message_id).toMatch(/@mg\.example\.com>$/);
    const message = mailgun.accepted.at(-1)!;
    expect(message.fields).toMatchObject({
      from: ['Belfry <no-reply@example.com>'],
      to: ['ada@example.com'],
      subject: ['Hello'],
      text: ['Plain body'],
      html: ['<p>Hi <b>Ada</b></p>'],
    });
    expect(message.fields['h:X-Belfry-Delivery-Id']).toEqual([delivery.id]);
  });
});

describe('SMS through Twilio', () => {
  const twilio = newTwilio();
  const ctx = belfryWith([twilio], () => twilioEnv(twilio));
  const { recipient, send, deliveriesOf } = ctx;

  it('posts the form to the account path with basic auth', async () => {
    await recipient('sms-user', { phone: '+14155550123' });
    const id = await send({ userId: 'sms-user', channels: ['SMS'], title: 'Code', message: 'is 1234' });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'twilio' });
    expect(delivery.provider_message_id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.accepted.at(-1)).toMatchObject({ To: '+14155550123', From: '+15005550006', Body: 'Code: is 1234' });
  });

  it('refuses an SMS Twilio rejects as an invalid number, permanently', async () => {
    await ctx.belfry.app.database.em
      .getConnection()
      .execute(`insert into recipients (user_id, phone) values ('odd-phone', '+1555')`);
    const id = await send({ userId: 'odd-phone', channels: ['SMS'] });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery.last_error).toContain('twilio_21211');
  });
});

describe('push to every kind of target', () => {
  const vapid = webPush.generateVAPIDKeys();
  const webPushService = new FakeWebPush(vapid.publicKey, tls);
  const fcm = new FakeFcm();
  const apns = new FakeApns(tls);
  const ctx = belfryWith([webPushService, fcm, apns], () => ({
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:ops@example.com',
    FCM_SERVICE_ACCOUNT: JSON.stringify(fcm.serviceAccount()),
    FCM_URL: fcm.url,
    APNS_KEY: apns.privateKeyPem,
    APNS_KEY_ID: apns.keyId,
    APNS_TEAM_ID: apns.teamId,
    APNS_BUNDLE_ID: apns.bundleId,
    APNS_URL: apns.url,
    PROVIDER_CA: tls.cert,
    // The fake push service listens on 127.0.0.1, which Web Push otherwise refuses to reach.
    PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true',
  }));
  const { send, deliveriesOf } = ctx;

  it('sends Web Push (decrypted, VAPID verified), FCM (OAuth token then message) and APNs (HTTP/2, ES256), and disables the dead targets', async () => {
    const user = await ctx.belfry.user('push-user');
    const live = webPushService.subscribe();
    const gone = webPushService.subscribe(true);
    const liveApns = `ab${'0'.repeat(62)}`;
    const deadApns = `dead${'1'.repeat(60)}`;
    for (const input of [
      { kind: 'WEB_PUSH', token: live.endpoint, keys: live.keys },
      { kind: 'WEB_PUSH', token: gone.endpoint, keys: gone.keys },
      { kind: 'FCM', token: 'fcm-live-token' },
      { kind: 'FCM', token: 'dead-fcm-token' },
      { kind: 'APNS', token: liveApns },
      { kind: 'APNS', token: deadApns },
    ]) {
      const registered = await user(
        `mutation($input: RegisterPushTargetInput!) { registerPushTarget(input: $input) { id } }`,
        { input },
      );
      expect(registered.errors).toBeUndefined();
    }
    const id = await send({
      userId: 'push-user',
      channels: ['PUSH'],
      title: 'Ping',
      message: 'You have mail',
      priority: 'HIGH',
      actionUrl: '/inbox',
    });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery.status).toBe('sent');
    expect(delivery.backend).toBe('web-push,fcm,apns');

    expect(webPushService.received).toHaveLength(1);
    expect(webPushService.received[0]).toMatchObject({
      payload: { title: 'Ping', body: 'You have mail', url: '/inbox', notificationId: id },
      urgency: 'high',
      jwtSubject: 'mailto:ops@example.com',
    });
    expect(fcm.tokenRequests).toBe(1);
    expect(fcm.messages).toHaveLength(1);
    expect(fcm.messages[0]).toMatchObject({
      token: 'fcm-live-token',
      notification: { title: 'Ping', body: 'You have mail' },
      android: { priority: 'HIGH' },
      data: { url: '/inbox', notificationId: id },
    });
    expect(apns.received).toHaveLength(1);
    expect(apns.received[0]).toMatchObject({
      deviceToken: liveApns,
      payload: { aps: { alert: { title: 'Ping', body: 'You have mail' } } },
    });
    expect(apns.received[0]?.headers).toMatchObject({
      'apns-topic': apns.bundleId,
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-id': delivery.id,
    });

    const targets = (await user(`{ pushTargets { token disabledAt disabledReason } }`)).data!.pushTargets as {
      token: string;
      disabledAt: string | null;
      disabledReason: string | null;
    }[];
    const disabled = targets
      .filter((target) => target.disabledAt)
      .map((target) => target.token)
      .sort();
    expect(disabled).toEqual([deadApns, gone.endpoint, 'dead-fcm-token'].sort());
    expect(targets.find((target) => target.token === 'dead-fcm-token')!.disabledReason).toContain('UNREGISTERED');

    // A second push reuses the cached OAuth and provider tokens, and skips the disabled targets.
    const again = await send({ userId: 'push-user', channels: ['PUSH'], title: 'Again', message: 'm' });
    await deliveriesOf(again);
    expect(fcm.tokenRequests).toBe(1);
    expect(apns.providerTokens.size).toBe(1);
    expect(webPushService.received).toHaveLength(2);
    expect(webPushService.requests.filter((request) => request.path.startsWith('/gone/'))).toHaveLength(1);
  });
});

describe('email failures, retries and failover', () => {
  // With both Mailgun and SMTP set, Mailgun is primary and SMTP its fallback.
  const mailgun = newMailgun();
  const smtp = newSmtp();
  const ctx = belfryWith([mailgun, smtp], () => ({ ...mailgunEnv(mailgun), ...smtpEnv(smtp) }));
  const { recipient, send, deliveriesOf } = ctx;
  // Each test scripts the answers it needs and must use them up: none may reach the next test.
  afterEach(() => {
    expect(mailgun.unusedScript).toBe(0);
    expect(smtp.unusedRejections).toBe(0);
  });

  it('fails over to the SMTP backend when Mailgun keeps answering 503', async () => {
    await recipient('failover-user', { email: 'grace@example.com' });
    mailgun.script(
      { status: 503, body: { message: 'Service Unavailable' } },
      { status: 503, body: { message: 'Service Unavailable' } },
    );
    const id = await send({
      userId: 'failover-user',
      channels: ['EMAIL'],
      title: 'Via SMTP',
      htmlContent: '<p>relay</p>',
    });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'smtp', attempts: 3 });
    const relayed = smtp.messages.at(-1)!;
    expect(relayed.secure).toBe(true);
    expect(relayed.envelope.to).toEqual(['grace@example.com']);
    expect(relayed.email.subject).toBe('Via SMTP');
    expect(relayed.email.html).toContain('<p>relay</p>');
    expect(relayed.email.headers.find((header) => header.key === 'x-belfry-delivery-id')?.value).toBe(delivery.id);
  });

  it('retries a 503 on the same backend and then succeeds there', async () => {
    await recipient('retry-user', { email: 'retry@example.com' });
    mailgun.script({ status: 503, body: { message: 'busy' } });
    const id = await send({ userId: 'retry-user', channels: ['EMAIL'] });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 2 });
  });

  it('retries the whole job later when every backend fails, then sends', async () => {
    await recipient('later-user', { email: 'later@example.com' });
    mailgun.script({ status: 503, body: { message: 'busy' } }, { status: 429, body: { message: 'slow down' } });
    smtp.rejectNext(451, 'Try again later');
    smtp.rejectNext(451, 'Try again later');
    const id = await send({ userId: 'later-user', channels: ['EMAIL'] });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 5, last_error: null });
  });

  it('fails a permanent error at once, without failover', async () => {
    await recipient('bad-user', { email: 'nobody@invalid.example' });
    const smtpBefore = smtp.messages.length;
    mailgun.script({ status: 400, body: { message: "'to' parameter is not a valid address" } });
    const id = await send({ userId: 'bad-user', channels: ['EMAIL'] });
    const delivery = at(await deliveriesOf(id), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'failed', backend: 'mailgun', attempts: 1 });
    expect(delivery.last_error).toContain('not a valid address');
    expect(smtp.messages.length).toBe(smtpBefore);
  });

  it('leaves an exhausted delivery FAILED with its error, and retryDelivery sends it again', async () => {
    await recipient('exhausted-user', { email: 'tired@example.com' });
    const busy = { status: 503, body: { message: 'down for maintenance' } };
    // Two job runs (DELIVERY_RETRY_LIMIT=1), each trying Mailgun twice and SMTP twice.
    mailgun.script(busy, busy, busy, busy);
    for (let i = 0; i < 4; i++) smtp.rejectNext(421, 'Service not available');
    const id = await send({ userId: 'exhausted-user', channels: ['EMAIL'] });
    const failed = at(await deliveriesOf(id), 0, 'delivery');
    expect(failed).toMatchObject({ status: 'failed', attempts: 8 });
    expect(failed.last_error).toContain('421');

    const user = await ctx.belfry.user('exhausted-user');
    expect(
      (await user(`mutation($id: ID!) { retryDelivery(id: $id) { id } }`, { id: failed.id })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const retried = await ctx.belfry.service(`mutation($id: ID!) { retryDelivery(id: $id) { status } }`, {
      id: failed.id,
    });
    expect(retried.data!.retryDelivery.status).toBe('QUEUED');
    const [sent] = await deliveriesOf(id);
    expect(sent).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 9 });
    const again = await ctx.belfry.service(`mutation($id: ID!) { retryDelivery(id: $id) { status } }`, {
      id: failed.id,
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('the deliveries query', () => {
  const mailgun = newMailgun();
  const ctx = belfryWith([mailgun], () => mailgunEnv(mailgun));
  const { recipient, send, deliveriesOf } = ctx;

  it('reads delivery state on the notification and through deliveries(...)', async () => {
    // One failed email of another user, for the filter below to find (and nothing else to).
    await recipient('rejected', { email: 'nobody@invalid.example' });
    mailgun.script({ status: 400, body: { message: "'to' parameter is not a valid address" } });
    const rejectedId = await send({ userId: 'rejected', channels: ['EMAIL'] });
    await deliveriesOf(rejectedId);
    await recipient('reader', { email: 'reader@example.com' });
    const id = await send({ userId: 'reader', channels: ['IN_APP', 'EMAIL', 'SMS'] });
    await deliveriesOf(id);
    const response = await ctx.belfry.service(
      `query($id: ID!) {
      notification(id: $id) { deliveries { channel status reason backend providerMessageId attempts sentAt } }
      deliveries(notificationId: $id) { channel status }
    }`,
      { id },
    );
    expect(response.data!.notification.deliveries).toEqual([
      {
        channel: 'EMAIL',
        status: 'SENT',
        reason: null,
        backend: 'mailgun',
        providerMessageId: expect.any(String),
        attempts: 1,
        sentAt: expect.any(String),
      },
      {
        channel: 'IN_APP',
        status: 'DELIVERED',
        reason: null,
        backend: null,
        providerMessageId: null,
        attempts: 0,
        sentAt: expect.any(String),
      },
      {
        channel: 'SMS',
        status: 'SKIPPED',
        reason: 'no_phone_number',
        backend: null,
        providerMessageId: null,
        attempts: 0,
        sentAt: null,
      },
    ]);
    const failedOnly = await ctx.belfry.service(
      `{ deliveries(status: FAILED, channel: EMAIL) { status channel notificationId } }`,
    );
    expect(failedOnly.data!.deliveries).toEqual([{ status: 'FAILED', channel: 'EMAIL', notificationId: rejectedId }]);
    const mine = await (await ctx.belfry.user('reader'))(`{ deliveries { notificationId } }`);
    expect(new Set(mine.data!.deliveries.map((delivery: any) => delivery.notificationId))).toEqual(new Set([id]));
    expect(await deliveryRows(ctx.belfry, `notification_id = '${id}'`)).toHaveLength(3);
  });
});

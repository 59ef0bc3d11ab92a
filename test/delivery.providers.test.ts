import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { deliveryRows, untilSettled } from './support/deliveries.js';
import { FakeApns } from './support/fakes/fake-apns.js';
import { FakeFcm } from './support/fakes/fake-fcm.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { FakeSmtp } from './support/fakes/fake-smtp.js';
import { FakeTwilio } from './support/fakes/fake-twilio.js';
import { FakeWebPush } from './support/fakes/fake-web-push.js';
import { selfSignedCertificate } from './support/fakes/tls.js';

const tls = selfSignedCertificate();
const vapid = webPush.generateVAPIDKeys();
const mailgun = new FakeMailgun('key-test-0123456789', 'mg.example.com');
const smtp = new FakeSmtp({ user: 'relay', password: 'relay-pass', tls, implicitTls: true });
const twilio = new FakeTwilio(`AC${'a'.repeat(32)}`, 'twilio-token-0123');
const webPushService = new FakeWebPush(vapid.publicKey, tls);
const fcm = new FakeFcm();
const apns = new FakeApns(tls);

let belfry: TestBelfry;

beforeAll(async () => {
  await Promise.all([mailgun.start(), smtp.start(), twilio.start(), webPushService.start(), fcm.start(), apns.start()]);
  // Every provider configured the way an operator would, with plain environment variables:
  // with both Mailgun and SMTP set, Mailgun is primary and SMTP its fallback.
  belfry = await startTestBelfry({}, {
    MAILGUN_API_KEY: mailgun.apiKey,
    MAILGUN_DOMAIN: mailgun.domain,
    MAILGUN_URL: mailgun.url,
    FROM_EMAIL: 'Belfry <no-reply@example.com>',
    SMTP_URL: `smtps://relay:relay-pass@127.0.0.1:${smtp.port}`,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_URL: twilio.url,
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
    DELIVERY_RETRY_LIMIT: '1',
    // The fakes' self-signed certificate, trusted the way an operator trusts an internal CA.
    PROVIDER_CA: tls.cert,
    // The fake push service listens on 127.0.0.1, which Web Push otherwise refuses to reach.
    PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true',
  });
});
afterAll(async () => {
  await belfry?.stop();
  await Promise.all([mailgun.stop(), smtp.stop(), twilio.stop(), webPushService.stop(), fcm.stop(), apns.stop()]);
});

async function recipient(userId: string, contact: Record<string, string>) {
  const response = await belfry.service(`mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`, { input: { userId, ...contact } });
  expect(response.errors).toBeUndefined();
}

async function send(input: Record<string, unknown>) {
  const response = await belfry.service(`mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`, { input: { title: 'Hello', message: 'Plain body', ...input } });
  expect(response.errors).toBeUndefined();
  return response.data!.sendNotification.id as string;
}

const deliveriesOf = (notificationId: string) => untilSettled(belfry, `notification_id = '${notificationId}'`);

describe('email through Mailgun', () => {
  it('sends a multipart form with basic auth to the domain path and records the message id', async () => {
    await recipient('mail-user', { email: 'ada@example.com' });
    const id = await send({ userId: 'mail-user', channels: ['EMAIL'], htmlContent: '<p>Hi <b>Ada</b></p>' });
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 1, last_error: null });
    expect(delivery.provider_message_id).toMatch(/@mg\.example\.com>$/);
    const message = mailgun.accepted.at(-1)!;
    expect(message.fields).toMatchObject({ from: ['Belfry <no-reply@example.com>'], to: ['ada@example.com'], subject: ['Hello'], text: ['Plain body'], html: ['<p>Hi <b>Ada</b></p>'] });
    expect(message.fields['h:X-Belfry-Delivery-Id']).toEqual([delivery.id]);
  });
});

describe('SMS through Twilio', () => {
  it('posts the form to the account path with basic auth', async () => {
    await recipient('sms-user', { phone: '+14155550123' });
    const id = await send({ userId: 'sms-user', channels: ['SMS'], title: 'Code', message: 'is 1234' });
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'sent', backend: 'twilio' });
    expect(delivery.provider_message_id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.accepted.at(-1)).toMatchObject({ To: '+14155550123', From: '+15005550006', Body: 'Code: is 1234' });
  });
});

describe('push to every kind of target', () => {
  it('sends Web Push (decrypted, VAPID verified), FCM (OAuth token then message) and APNs (HTTP/2, ES256), and disables the dead targets', async () => {
    const user = await belfry.user('push-user');
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
      const registered = await user(`mutation($input: RegisterPushTargetInput!) { registerPushTarget(input: $input) { id } }`, { input });
      expect(registered.errors).toBeUndefined();
    }
    const id = await send({ userId: 'push-user', channels: ['PUSH'], title: 'Ping', message: 'You have mail', priority: 'HIGH', actionUrl: '/inbox' });
    const [delivery] = await deliveriesOf(id);
    expect(delivery.status).toBe('sent');
    expect(delivery.backend).toBe('web-push,fcm,apns');

    expect(webPushService.received).toHaveLength(1);
    expect(webPushService.received[0]).toMatchObject({ payload: { title: 'Ping', body: 'You have mail', url: '/inbox', notificationId: id }, urgency: 'high', jwtSubject: 'mailto:ops@example.com' });
    expect(fcm.tokenRequests).toBe(1);
    expect(fcm.messages).toHaveLength(1);
    expect(fcm.messages[0]).toMatchObject({ token: 'fcm-live-token', notification: { title: 'Ping', body: 'You have mail' }, android: { priority: 'HIGH' }, data: { url: '/inbox', notificationId: id } });
    expect(apns.received).toHaveLength(1);
    expect(apns.received[0]).toMatchObject({ deviceToken: liveApns, payload: { aps: { alert: { title: 'Ping', body: 'You have mail' } } } });
    expect(apns.received[0].headers).toMatchObject({ 'apns-topic': apns.bundleId, 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-id': delivery.id });

    const targets = (await user(`{ pushTargets { token disabledAt disabledReason } }`)).data!.pushTargets as { token: string; disabledAt: string | null; disabledReason: string | null }[];
    const disabled = targets.filter((target) => target.disabledAt).map((target) => target.token).sort();
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

describe('failures, retries and failover', () => {
  it('fails over to the SMTP backend when Mailgun keeps answering 503', async () => {
    await recipient('failover-user', { email: 'grace@example.com' });
    mailgun.script({ status: 503, body: { message: 'Service Unavailable' } }, { status: 503, body: { message: 'Service Unavailable' } });
    const id = await send({ userId: 'failover-user', channels: ['EMAIL'], title: 'Via SMTP', htmlContent: '<p>relay</p>' });
    const [delivery] = await deliveriesOf(id);
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
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 2 });
  });

  it('retries the whole job later when every backend fails, then sends', async () => {
    await recipient('later-user', { email: 'later@example.com' });
    mailgun.script({ status: 503, body: { message: 'busy' } }, { status: 429, body: { message: 'slow down' } });
    smtp.rejectNext(451, 'Try again later');
    smtp.rejectNext(451, 'Try again later');
    const id = await send({ userId: 'later-user', channels: ['EMAIL'] });
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 5, last_error: null });
  });

  it('fails a permanent error at once, without failover', async () => {
    await recipient('bad-user', { email: 'nobody@invalid.example' });
    const smtpBefore = smtp.messages.length;
    mailgun.script({ status: 400, body: { message: "'to' parameter is not a valid address" } });
    const id = await send({ userId: 'bad-user', channels: ['EMAIL'] });
    const [delivery] = await deliveriesOf(id);
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
    const [failed] = await deliveriesOf(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 8 });
    expect(failed.last_error).toContain('421');

    const user = await belfry.user('exhausted-user');
    expect((await user(`mutation($id: ID!) { retryDelivery(id: $id) { id } }`, { id: failed.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const retried = await belfry.service(`mutation($id: ID!) { retryDelivery(id: $id) { status } }`, { id: failed.id });
    expect(retried.data!.retryDelivery.status).toBe('QUEUED');
    const [sent] = await deliveriesOf(id);
    expect(sent).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 9 });
    const again = await belfry.service(`mutation($id: ID!) { retryDelivery(id: $id) { status } }`, { id: failed.id });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('refuses an SMS Twilio rejects as an invalid number, permanently', async () => {
    await belfry.app.database.em.getConnection().execute(`insert into recipients (user_id, phone) values ('odd-phone', '+1555')`);
    const id = await send({ userId: 'odd-phone', channels: ['SMS'] });
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery.last_error).toContain('twilio_21211');
  });
});

describe('the deliveries query', () => {
  it('reads delivery state on the notification and through deliveries(...)', async () => {
    await recipient('reader', { email: 'reader@example.com' });
    const id = await send({ userId: 'reader', channels: ['IN_APP', 'EMAIL', 'SMS'] });
    await deliveriesOf(id);
    const response = await belfry.service(`query($id: ID!) {
      notification(id: $id) { deliveries { channel status reason backend providerMessageId attempts sentAt } }
      deliveries(notificationId: $id) { channel status }
    }`, { id });
    expect(response.data!.notification.deliveries).toEqual([
      { channel: 'EMAIL', status: 'SENT', reason: null, backend: 'mailgun', providerMessageId: expect.any(String), attempts: 1, sentAt: expect.any(String) },
      { channel: 'IN_APP', status: 'DELIVERED', reason: null, backend: null, providerMessageId: null, attempts: 0, sentAt: expect.any(String) },
      { channel: 'SMS', status: 'SKIPPED', reason: 'no_phone_number', backend: null, providerMessageId: null, attempts: 0, sentAt: null },
    ]);
    const failedOnly = await belfry.service(`{ deliveries(status: FAILED, channel: EMAIL) { status channel } }`);
    expect(failedOnly.data!.deliveries.every((delivery: any) => delivery.status === 'FAILED' && delivery.channel === 'EMAIL')).toBe(true);
    const mine = await (await belfry.user('reader'))(`{ deliveries { notificationId } }`);
    expect(new Set(mine.data!.deliveries.map((delivery: any) => delivery.notificationId))).toEqual(new Set([id]));
    expect(await deliveryRows(belfry, `notification_id = '${id}'`)).toHaveLength(3);
  });
});

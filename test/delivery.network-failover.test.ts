import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailgunAdapter } from '../src/channels/email/mailgun.adapter.js';
import { SmtpAdapter } from '../src/channels/email/smtp.adapter.js';
import type { PushResult } from '../src/channels/ports.js';
import { ApnsAdapter } from '../src/channels/push/apns.adapter.js';
import { FcmAdapter } from '../src/channels/push/fcm.adapter.js';
import { WebPushAdapter } from '../src/channels/push/web-push.adapter.js';
import { TwilioAdapter } from '../src/channels/sms/twilio.adapter.js';
import { SendError } from '../src/channels/send-error.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeSmtp } from './support/fakes/fake-smtp.js';
import { selfSignedCertificate } from './support/fakes/tls.js';

// Finding 10 of issue 8: mailgun.js reports ECONNREFUSED as "status 400", so an unreachable
// Mailgun failed the email for good while the configured SMTP fallback got nothing. For every
// adapter, a provider that cannot be reached, resolved or heard from must fail over.

const TIMEOUT_MS = 300;
const signal = new AbortController().signal;
const vapid = webPush.generateVAPIDKeys();
const subscriber = webPush.generateVAPIDKeys(); // any P-256 public key serves as p256dh
const pushMessage = { title: 'T', body: 'B', urgent: false, ttlSeconds: 60, deliveryId: 'd-1', notificationId: 'n-1' };

/** A TCP server that accepts connections and never says a word: every client times out. */
let silent: Server;
const silentSockets = new Set<Socket>();
/** A port nothing listens on: connections are refused. */
let closedPort: number;

beforeAll(async () => {
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

type Where = 'refused' | 'dns' | 'timeout';
const hostOf = (where: Where) => (where === 'dns' ? 'belfry-test-host.invalid' : '127.0.0.1');
const portOf = (where: Where) => (where === 'refused' ? closedPort : where === 'timeout' ? (silent.address() as AddressInfo).port : 443);

/** Sends one message through a freshly built adapter pointed at `where`; returns the error it reports. */
const adapters: Record<string, (where: Where) => Promise<SendError>> = {
  mailgun: (where) =>
    rejection(new MailgunAdapter('mailgun', { apiKey: 'key', domain: 'mg.example.com', from: 'a@example.com', url: `http://${hostOf(where)}:${portOf(where)}`, timeoutMs: TIMEOUT_MS }).send(email, signal)),
  smtp: async (where) => {
    const adapter = new SmtpAdapter('smtp', { url: `smtp://${hostOf(where)}:${portOf(where)}`, from: 'a@example.com', timeoutMs: TIMEOUT_MS });
    try {
      return await rejection(adapter.send(email, signal));
    } finally {
      await adapter.close();
    }
  },
  twilio: (where) =>
    rejection(new TwilioAdapter('twilio', { accountSid: `AC${'a'.repeat(32)}`, authToken: 'token', from: '+15005550006', url: `http://${hostOf(where)}:${portOf(where)}`, timeoutMs: TIMEOUT_MS }).send({ to: '+14155550123', body: 'hi', deliveryId: 'd-1' }, signal)),
  'web-push': async (where) => {
    // These endpoints are local on purpose: the address guard is tested in delivery.push-endpoints.test.ts.
    const adapter = new WebPushAdapter('web-push', { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@example.com', timeoutMs: TIMEOUT_MS, allowPrivateEndpoints: true });
    try {
      const destination = { id: 't-1', token: `https://${hostOf(where)}:${portOf(where)}/push/abc`, keys: { p256dh: subscriber.publicKey, auth: 'tBHItJI5svbpez7KI4CCXg' } };
      return failureOf(await adapter.send([destination], pushMessage, signal));
    } finally {
      await adapter.close();
    }
  },
  fcm: async (where) => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const base = `http://${hostOf(where)}:${portOf(where)}`;
    const serviceAccount = { project_id: 'p', client_email: 'c@p.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), token_uri: `${base}/token` };
    const adapter = new FcmAdapter('fcm', { serviceAccount, url: base, timeoutMs: TIMEOUT_MS });
    return failureOf(await adapter.send([{ id: 't-1', token: 'fcm-token' }], pushMessage, signal));
  },
  apns: async (where) => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const adapter = new ApnsAdapter('apns', {
      key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      keyId: 'ABC123DEFG',
      teamId: 'TEAM123456',
      bundleId: 'com.example.belfry',
      production: false,
      url: `https://${hostOf(where)}:${portOf(where)}`,
      timeoutMs: TIMEOUT_MS,
    });
    try {
      return failureOf(await adapter.send([{ id: 't-1', token: `ab${'0'.repeat(62)}` }], pushMessage, signal));
    } finally {
      await adapter.close?.();
    }
  },
};
const email = { to: 'ada@example.com', subject: 'S', text: 'T', deliveryId: 'd-1' };

async function rejection(sending: Promise<unknown>): Promise<SendError> {
  const error = await sending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

function failureOf(results: readonly PushResult[]): SendError {
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result.ok) throw new Error('the push was unexpectedly accepted');
  return result.error;
}

describe.each(Object.keys(adapters))('%s adapter when the provider cannot be reached', (name) => {
  it.each<Where>(['refused', 'dns', 'timeout'])('fails over at once (%s), retryable later, naming no address', async (where) => {
    const error = await adapters[name](where);
    expect(error).toMatchObject({ failover: true, retryable: true, targetGone: false });
    expect(error.code).toBe(where === 'timeout' ? 'timeout' : 'unreachable');
    // Errors end up in deliveries.lastError, which users and dashboards read.
    expect(error.message).not.toMatch(/127\.0\.0\.1|:\d{2,5}\b/);
  });
});

describe('an unreachable Mailgun with SMTP configured as its fallback', () => {
  const tls = selfSignedCertificate();
  const smtp = new FakeSmtp({ user: 'relay', password: 'relay-pass', tls, implicitTls: true });
  let belfry: TestBelfry;

  beforeAll(async () => {
    await smtp.start();
    belfry = await startTestBelfry({}, {
      MAILGUN_API_KEY: 'key-test-0123456789',
      MAILGUN_DOMAIN: 'mg.example.com',
      MAILGUN_URL: `http://127.0.0.1:${closedPort}`,
      FROM_EMAIL: 'Belfry <no-reply@example.com>',
      SMTP_URL: `smtps://relay:relay-pass@127.0.0.1:${smtp.port}`,
      PROVIDER_CA: tls.cert,
      DELIVERY_RETRY_LIMIT: '0',
    });
  });
  afterAll(async () => {
    await belfry?.stop();
    await smtp.stop();
  });

  it('sends the email through SMTP in the same run', async () => {
    await belfry.service(`mutation { upsertRecipient(input: { userId: "failover-user", email: "ada@example.com" }) { userId } }`);
    const sent = await belfry.service(`mutation { sendNotification(input: { userId: "failover-user", channels: [EMAIL], title: "Hello", message: "Body" }) { id } }`);
    expect(sent.errors).toBeUndefined();
    const [delivery] = await untilSettled(belfry, `notification_id = '${sent.data!.sendNotification.id}'`);
    // One failed call to Mailgun, then SMTP at once: no retry of the dead backend first.
    expect(delivery).toMatchObject({ status: 'sent', backend: 'smtp', attempts: 2 });
    expect(smtp.messages.flatMap((message) => message.envelope.to)).toContain('ada@example.com');
  });
});

import { generateKeyPairSync } from 'node:crypto';
import webPush from 'web-push';
import { LogOutbox } from '../src/channels/log.adapter.js';
import type { PushDestination, PushTransport } from '../src/channels/ports.js';
import { ApnsAdapter } from '../src/channels/push/apns.adapter.js';
import { FcmAdapter } from '../src/channels/push/fcm.adapter.js';
import { WebPushAdapter } from '../src/channels/push/web-push.adapter.js';
import { createLogger } from '../src/logger.js';
import { PushTargetKind } from '../src/shared/enums.js';
import { FakeApns } from './support/fakes/fake-apns.js';
import { FakeFcm } from './support/fakes/fake-fcm.js';
import { FakeWebPush } from './support/fakes/fake-web-push.js';
import { selfSignedCertificate } from './support/fakes/tls.js';
import {
  settlePush,
  transportContract,
  type AdapterUnderTest,
  type ContractSubject,
} from './support/transport-contract.js';

// The push transport contract (test/support/transport-contract.ts), over every push adapter,
// each sending to one target. Push adapters resolve with a result per target rather than
// reject, so "fails" below means a failed result. A new adapter is done when its entry passes.
// Dead targets (404/410, UNREGISTERED, BadDeviceToken) are checked end to end in delivery.providers.test.ts.

const message = { title: 'T', body: 'B', urgent: false, ttlSeconds: 60, deliveryId: 'd-1', notificationId: 'n-1' };
const tls = selfSignedCertificate();

function underTest(transport: PushTransport, destination: () => PushDestination): AdapterUnderTest {
  return {
    send: (signal) => settlePush(transport.send([destination()], message, signal)),
    close: async () => transport.close?.(),
  };
}

const vapid = webPush.generateVAPIDKeys();
const webPushService = new FakeWebPush(vapid.publicKey, tls);
const anyKeys = { p256dh: webPush.generateVAPIDKeys().publicKey, auth: 'tBHItJI5svbpez7KI4CCXg' }; // any P-256 public key serves as p256dh
const fcm = new FakeFcm();
const apns = new FakeApns(tls);
const outbox = new LogOutbox(createLogger('silent'));
const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();

transportContract('push', [
  {
    name: 'Web Push',
    protocol: 'http',
    start: async () => {
      await webPushService.start();
    },
    stop: () => webPushService.stop(),
    open: ({ base, timeoutMs } = {}) =>
      underTest(
        // The fake listens on 127.0.0.1: the public-address guard is tested in delivery.push-endpoints.test.ts.
        new WebPushAdapter('web-push', {
          vapidPublicKey: vapid.publicKey,
          vapidPrivateKey: vapid.privateKey,
          subject: 'mailto:ops@example.com',
          ca: tls.cert,
          timeoutMs,
          allowPrivateEndpoints: true,
        }),
        () => {
          if (base) return { id: 't-1', token: `https://${base}/push/abc`, keys: anyKeys };
          const { endpoint, keys } = webPushService.subscribe();
          return { id: 't-1', token: endpoint, keys };
        },
      ),
    answer: ({ status, release, arrived }) =>
      webPushService.script({ status, body: { reason: `scripted ${status}` }, release, arrived }),
  },
  {
    name: 'FCM',
    protocol: 'http',
    start: async () => {
      await fcm.start();
    },
    stop: () => fcm.stop(),
    open: ({ base, timeoutMs } = {}) => {
      const serviceAccount = base
        ? {
            project_id: 'p',
            client_email: 'c@p.iam.gserviceaccount.com',
            private_key: pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
            token_uri: `http://${base}/token`,
          }
        : (fcm.serviceAccount() as {
            project_id: string;
            client_email: string;
            private_key: string;
            token_uri: string;
          });
      return underTest(
        new FcmAdapter('fcm', { serviceAccount, url: base ? `http://${base}` : fcm.url, timeoutMs }),
        () => ({ id: 't-1', token: 'fcm-token' }),
      );
    },
    answer: ({ status, release, arrived }) =>
      fcm.script({ status, body: { error: { code: status, message: `scripted ${status}` } }, release, arrived }),
  },
  {
    name: 'APNs',
    protocol: 'http',
    start: async () => {
      await apns.start();
    },
    stop: () => apns.stop(),
    open: ({ base, timeoutMs } = {}) =>
      underTest(
        new ApnsAdapter('apns', {
          key: base ? pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey) : apns.privateKeyPem,
          keyId: apns.keyId,
          teamId: apns.teamId,
          bundleId: apns.bundleId,
          production: false,
          url: base ? `https://${base}` : apns.url,
          ca: tls.cert,
          timeoutMs,
        }),
        () => ({ id: 't-1', token: `ab${'0'.repeat(62)}` }),
      ),
    answer: ({ status, release, arrived }) =>
      apns.script({ status, body: { reason: `Scripted${status}` }, release, arrived }),
  },
  // The log backend: no provider behind it, so only the success, abort and close cases apply.
  {
    name: 'log',
    protocol: 'none',
    start: async () => {},
    stop: async () => {},
    open: () => underTest(outbox.push(PushTargetKind.FCM), () => ({ id: 't-1', token: 'any' })),
    answer: () => {},
  },
] satisfies ContractSubject[]);

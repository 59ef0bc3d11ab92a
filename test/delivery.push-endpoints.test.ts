import { randomUUID } from 'node:crypto';
import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeWebPush } from './support/fakes/fake-web-push.js';
import { selfSignedCertificate } from './support/fakes/tls.js';
import { at } from '../src/shared/at.js';

// Web Push endpoints come from browsers, i.e. from anyone: without PUSH_ALLOW_PRIVATE_ENDPOINTS
// Belfry must never connect to its own machine or network on a user's say-so. The fake push
// service runs on 127.0.0.1 with a certificate Belfry trusts, so every refused endpoint
// below would otherwise have been reached; its connection counter proves none was.

const tls = selfSignedCertificate();
const vapid = webPush.generateVAPIDKeys();
const pushService = new FakeWebPush(vapid.publicKey, tls);
let belfry: TestBelfry;

beforeAll(async () => {
  await pushService.start();
  belfry = await startTestBelfry(
    {},
    {
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:ops@example.com',
      PROVIDER_CA: tls.cert,
      DELIVERY_RETRY_LIMIT: '1',
    },
  );
});
afterAll(async () => {
  await belfry?.stop();
  await pushService.stop();
});

const REGISTER = `mutation($input: RegisterPushTargetInput!) { registerPushTarget(input: $input) { id } }`;

describe('registerPushTarget', () => {
  it('refuses endpoints on loopback, private, link-local and metadata addresses, naming the token and no address', async () => {
    const me = await belfry.user('ssrf-user');
    const { keys } = pushService.subscribe();
    const port = new URL(pushService.url).port;
    const endpoints = [
      `https://127.0.0.1:${port}/push/abc`,
      'https://169.254.169.254/latest/meta-data/',
      `https://[::1]:${port}/push/abc`,
      'https://10.0.0.1/push',
      `https://localhost:${port}/push/abc`,
      `https://[::ffff:127.0.0.1]:${port}/push/abc`,
      `https://2130706433:${port}/push/abc`,
      'https://0.0.0.0/push',
      'https://[fd00::1]/push',
    ];
    for (const endpoint of endpoints) {
      const response = await me(REGISTER, { input: { kind: 'WEB_PUSH', token: endpoint, keys } });
      expect(response.errors?.[0]?.extensions, endpoint).toEqual({ code: 'BAD_USER_INPUT', fields: ['token'] });
      expect(response.errors?.[0]?.message).not.toMatch(/127\.0\.0\.1|169\.254|::1|10\.0\.0\.1/);
    }
    expect((await me(`{ pushTargets { id } }`)).data!.pushTargets).toEqual([]);
    expect(pushService.connections).toBe(0);
  });
});

describe('sending Web Push', () => {
  it('never connects to a target that resolves to a private address, and says why without naming it', async () => {
    // Targets stored before the registration check existed, or by a direct database write.
    const port = new URL(pushService.url).port;
    const userId = 'ssrf-at-send';
    for (const host of ['localhost', '127.0.0.1', '2130706433', '[::1]']) {
      const { keys } = pushService.subscribe();
      await belfry.app.database.em
        .getConnection()
        .execute(`insert into push_targets (id, user_id, kind, token, keys) values (?, ?, 'web_push', ?, ?)`, [
          randomUUID(),
          userId,
          `https://${host}:${port}/push/abc`,
          JSON.stringify(keys),
        ]);
    }
    const sent = await belfry.service(
      `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
      {
        input: { userId, title: 'Hi', message: 'm', channels: ['PUSH'] },
      },
    );
    expect(sent.errors).toBeUndefined();
    const delivery = at(
      await untilSettled(belfry, `notification_id = '${sent.data!.sendNotification.id}'`),
      0,
      'delivery',
    );
    expect(delivery.status).toBe('failed');
    expect(delivery.last_error).toBe('endpoint_not_public: the push endpoint is not a public internet address');

    const me = await belfry.user(userId);
    const targets = (await me(`{ pushTargets { disabledAt disabledReason } }`)).data!.pushTargets as {
      disabledAt: string | null;
      disabledReason: string | null;
    }[];
    expect(targets).toHaveLength(4);
    for (const target of targets)
      expect(target).toMatchObject({
        disabledAt: expect.any(String),
        disabledReason: 'the push endpoint is not a public internet address',
      });
    expect(pushService.connections).toBe(0);
    expect(pushService.received).toEqual([]);
  });
});

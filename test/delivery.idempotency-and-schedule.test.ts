import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { deliveryRows, untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { subscribe, untilSubscriptions } from './support/live.js';
import { testEngine } from './support/database.js';

const mailgun = new FakeMailgun('key-idem-0123456789', 'mg.example.com');
/** A second backend service with its own API key. */
const OTHER_API_KEY = 'other-service-key-0123456789';
let belfry: TestBelfry;

beforeAll(async () => {
  await mailgun.start();
  belfry = await startTestBelfry(
    { apiKeys: [API_KEY, OTHER_API_KEY] },
    {
      MAILGUN_API_KEY: mailgun.apiKey,
      MAILGUN_DOMAIN: mailgun.domain,
      MAILGUN_URL: mailgun.url,
      FROM_EMAIL: 'no-reply@example.com',
    },
  );
  await belfry.service(`mutation { upsertRecipient(input: { userId: "idem", email: "idem@example.com" }) { userId } }`);
  await belfry.service(
    `mutation { upsertRecipient(input: { userId: "later", email: "later@example.com" }) { userId } }`,
  );
});
afterAll(async () => {
  await belfry?.stop();
  await mailgun.stop();
});

const TRIGGER = `mutation($input: TriggerEventInput!) { triggerEvent(input: $input) { id } }`;
const SEND_TEMPLATE = `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { id } }`;

describe('idempotency keys', () => {
  it('returns the first result for a repeat and sends nothing new', async () => {
    const input = {
      event: 'billing',
      userId: 'idem',
      data: { type: 'success', amount: 10 },
      idempotencyKey: 'order-42-paid',
    };
    const first = await belfry.service(TRIGGER, { input });
    const again = await belfry.service(TRIGGER, { input: { ...input, data: { amount: 10, type: 'success' } } });
    expect(again.data!.triggerEvent.id).toBe(first.data!.triggerEvent.id);
    await untilSettled(belfry, `notification_id = '${first.data!.triggerEvent.id}'`);
    const rows = await belfry.app.database.em
      .getConnection()
      .execute(`select count(*)::int as n from notifications where user_id = 'idem'`);
    expect(rows[0]?.n).toBe(1);
    expect(mailgun.accepted.filter((message) => message.fields.to?.[0] === 'idem@example.com')).toHaveLength(1);
  });

  it('answers CONFLICT for the same key with different input, and writes nothing', async () => {
    await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'welcome', userIds: ['a1', 'a2'], idempotencyKey: 'campaign-7' },
    });
    const conflict = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'welcome', userIds: ['a1', 'a3'], idempotencyKey: 'campaign-7' },
    });
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(conflict.errors?.[0]?.message).toContain('campaign-7');
    const other = await belfry.service(
      `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
      { input: { userId: 'a1', title: 't', message: 'm', idempotencyKey: 'campaign-7' } },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const rows = await belfry.app.database.em
      .getConnection()
      .execute(`select count(*)::int as n from notifications where user_id in ('a1', 'a2', 'a3')`);
    expect(rows[0]?.n).toBe(2);
  });

  it("scopes keys to the API key that used them: another key's same idempotencyKey is a new send, never the first key's notification", async () => {
    const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id userId title } }`;
    const other = belfry.as(`ApiKey ${OTHER_API_KEY}`);
    const input = { userId: 'scoped', title: 'Your invoice', message: 'm', idempotencyKey: 'invoice-1' };
    const first = await belfry.service(SEND, { input });
    const same = await other(SEND, { input });
    expect(same.errors).toBeUndefined();
    expect(same.data!.sendNotification.id).not.toBe(first.data!.sendNotification.id);
    // A different request under a key another service used is no CONFLICT: it is not the same key.
    const different = await other(SEND, { input: { ...input, userId: 'scoped-2', idempotencyKey: 'invoice-2' } });
    const later = await belfry.service(SEND, {
      input: { ...input, title: 'Something else', idempotencyKey: 'invoice-2' },
    });
    expect(later.errors).toBeUndefined();
    expect(later.data!.sendNotification).toMatchObject({ userId: 'scoped', title: 'Something else' });
    expect(later.data!.sendNotification.id).not.toBe(different.data!.sendNotification.id);
    // Each API key still gets its own first result back.
    expect((await other(SEND, { input })).data!.sendNotification.id).toBe(same.data!.sendNotification.id);
    expect((await belfry.service(SEND, { input })).data!.sendNotification.id).toBe(first.data!.sendNotification.id);
  });

  it('lets concurrent repeats of one key create a single notification', async () => {
    const input = { event: 'welcome', userId: 'racer', idempotencyKey: 'signup-racer' };
    const results = await Promise.all([1, 2, 3, 4].map(() => belfry.service(TRIGGER, { input })));
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((result) => result.data!.triggerEvent.id)).size).toBe(1);
  });
});

describe('scheduled sends', () => {
  it('holds the inbox item and the email until sendAt, then delivers both and pushes the item live', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('later')}`);
    const added = subscribe(client, `subscription { notificationAdded { title } }`);
    await untilSubscriptions(belfry.app, 1);
    const sendAt = new Date(Date.now() + 2_500);
    const sent = await belfry.service(
      `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id sendAt } }`,
      {
        input: {
          userId: 'later',
          title: 'Scheduled',
          message: 'm',
          channels: ['IN_APP', 'EMAIL'],
          sendAt: sendAt.toISOString(),
        },
      },
    );
    const id = sent.data!.sendNotification.id;
    expect(sent.data!.sendNotification.sendAt).toBe(sendAt.toISOString());

    const early = await belfry.service(
      `{ notificationCount(userId: "later") notifications(userId: "later") { nodes { id } } }`,
    );
    expect(early.data).toEqual({ notificationCount: 0, notifications: { nodes: [] } });
    expect((await deliveryRows(belfry, `notification_id = '${id}'`)).map((row) => row.status)).toEqual([
      'queued',
      'queued',
    ]);

    expect((await added.next(10_000)).data).toEqual({ notificationAdded: { title: 'Scheduled' } });
    expect(Date.now()).toBeGreaterThanOrEqual(sendAt.getTime());
    const rows = await untilSettled(belfry, `notification_id = '${id}'`);
    // Both rows are written in one transaction, so their created_at order is not meaningful.
    expect(rows.map((row) => `${row.channel}:${row.status}`).sort()).toEqual(['email:sent', 'in_app:delivered']);
    const email = mailgun.requests.find((request) => request.body.includes('later@example.com'));
    expect(email!.at).toBeGreaterThanOrEqual(sendAt.getTime());
    expect((await belfry.service(`{ notificationCount(userId: "later") }`)).data!.notificationCount).toBe(1);
    added.stop();
  });
});

describe.skipIf(testEngine !== 'postgres')('API-only and worker-only processes', () => {
  it('queues on an API process and delivers from a separate worker process', async () => {
    const api = await startTestBelfry(
      { role: 'api' },
      {
        MAILGUN_API_KEY: mailgun.apiKey,
        MAILGUN_DOMAIN: mailgun.domain,
        MAILGUN_URL: mailgun.url,
        FROM_EMAIL: 'no-reply@example.com',
      },
    );
    const worker = await startTestBelfry(
      { role: 'worker', database: api.databaseConfig },
      {
        MAILGUN_API_KEY: mailgun.apiKey,
        MAILGUN_DOMAIN: mailgun.domain,
        MAILGUN_URL: mailgun.url,
        FROM_EMAIL: 'no-reply@example.com',
      },
    );
    try {
      expect((await fetch(`${worker.url}/graphql`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
      await api.service(
        `mutation { upsertRecipient(input: { userId: "split", email: "split@example.com" }) { userId } }`,
      );
      const sent = await api.service(`mutation { triggerEvent(input: { event: "welcome", userId: "split" }) { id } }`);
      const rows = await untilSettled(api, `notification_id = '${sent.data!.triggerEvent.id}' and channel = 'email'`);
      expect(rows[0]).toMatchObject({ status: 'sent', backend: 'mailgun' });
    } finally {
      await worker.stop();
      await api.stop();
    }
  });
});

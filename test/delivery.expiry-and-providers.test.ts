import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/database.js';
import { deliveryRows, untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';

const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`;

async function send(belfry: TestBelfry, input: Record<string, unknown>): Promise<string> {
  const response = await belfry.service(SEND, { input: { title: 'Hello', message: 'Body', ...input } });
  expect(response.errors).toBeUndefined();
  return response.data!.sendNotification.id as string;
}

async function recipient(belfry: TestBelfry, input: Record<string, unknown>): Promise<void> {
  const response = await belfry.service(
    `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
}

describe('expired notifications are never sent (issue 8, item 6)', () => {
  const mailgun = new FakeMailgun('key-expiry-0123456789', 'mg.example.com');
  let belfry: TestBelfry;

  beforeAll(async () => {
    await mailgun.start();
    belfry = await startTestBelfry(
      {},
      {
        MAILGUN_API_KEY: mailgun.apiKey,
        MAILGUN_DOMAIN: mailgun.domain,
        MAILGUN_URL: mailgun.url,
        FROM_EMAIL: 'no-reply@example.com',
        DELIVERY_RETRY_LIMIT: '10',
      },
    );
    await recipient(belfry, { userId: 'expiring', email: 'expiring@example.com' });
  });
  afterAll(async () => {
    await belfry?.stop();
    await mailgun.stop();
  });

  it('skips a scheduled email and inbox item whose notification expired before its send time', async () => {
    const id = await send(belfry, {
      userId: 'expiring',
      channels: ['IN_APP', 'EMAIL'],
      sendAt: new Date(Date.now() + 1_000).toISOString(),
    });
    // It expires while waiting for its slot (as an operator's cleanup or a short TTL would have it).
    await belfry.app.database.em
      .getConnection()
      .execute(`update notifications set expires_at = now() - interval '1 second' where id = ?`, [id]);
    const rows = await untilSettled(belfry, `notification_id = '${id}'`);
    expect(rows.map((row) => [row.channel, row.status, row.reason]).sort()).toEqual([
      ['email', 'skipped', 'expired'],
      ['in_app', 'skipped', 'expired'],
    ]);
    expect(mailgun.requests).toHaveLength(0);
  });

  it('stops retrying once the notification expires, and calls the provider no more', async () => {
    mailgun.fallback = { status: 503, body: { message: 'Service unavailable' } };
    try {
      const expiresAt = new Date(Date.now() + 2_500);
      const id = await send(belfry, { userId: 'expiring', channels: ['EMAIL'], expiresAt: expiresAt.toISOString() });
      const [delivery] = await untilSettled(belfry, `notification_id = '${id}'`);
      expect(delivery).toMatchObject({ status: 'skipped', reason: 'expired' });
      expect(mailgun.requests.length).toBeGreaterThan(0);
      for (const request of mailgun.requests) expect(request.at).toBeLessThan(expiresAt.getTime());
    } finally {
      mailgun.fallback = undefined;
    }
  });
});

describe('production with no provider for a channel (issue 8, item 7)', () => {
  let belfry: TestBelfry;

  beforeAll(async () => {
    belfry = await startTestBelfry({ production: true });
  });
  afterAll(() => belfry?.stop());

  it('warns at start-up for each channel', () => {
    const warnings = belfry.logs
      .filter((line) => line.level === 40 && /no_provider/.test(line.msg))
      .map((line) => line.channel);
    expect(warnings.sort()).toEqual(['email', 'push', 'sms']);
  });

  it('records email, SMS and push SKIPPED no_provider instead of "sending" them through the log backend', async () => {
    await recipient(belfry, { userId: 'prod-user', email: 'prod-user@example.com', phone: '+14155550199' });
    const user = await belfry.user('prod-user');
    const registered = await user(
      `mutation { registerPushTarget(input: { kind: FCM, token: "fcm-token-prod" }) { id } }`,
    );
    expect(registered.errors).toBeUndefined();
    const id = await send(belfry, { userId: 'prod-user', channels: ['IN_APP', 'EMAIL', 'SMS', 'PUSH'] });
    const rows = await untilSettled(belfry, `notification_id = '${id}'`);
    expect(rows.map((row) => [row.channel, row.status, row.reason ?? null]).sort()).toEqual([
      ['email', 'skipped', 'no_provider'],
      ['in_app', 'delivered', null],
      ['push', 'skipped', 'no_provider'],
      ['sms', 'skipped', 'no_provider'],
    ]);
    expect(belfry.app.backends.outbox.messages).toHaveLength(0);
  });
});

describe('the log backend', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'belfry-log-config-'));
  let development: TestBelfry;
  let staging: TestBelfry;

  beforeAll(async () => {
    const configFile = join(configDir, 'belfry.yaml');
    writeFileSync(configFile, 'email:\n  - name: staging-log\n    driver: log\n');
    [development, staging] = await Promise.all([
      startTestBelfry(),
      startTestBelfry({ production: true }, { BELFRY_CONFIG: configFile }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([development?.stop(), staging?.stop()]);
    rmSync(configDir, { recursive: true, force: true });
  });

  it('never logs an address or a phone number in full', async () => {
    await recipient(development, { userId: 'logged', email: 'grace.hopper@example.com', phone: '+14155550123' });
    const id = await send(development, { userId: 'logged', channels: ['EMAIL', 'SMS'] });
    await untilSettled(development, `notification_id = '${id}'`);
    const recorded = development.logs.filter((line) => line.backend === 'log');
    expect(recorded.map((line) => line.to).sort()).toEqual(['g•••@example.com', '•••0123']);
    const everything = JSON.stringify(development.logs);
    expect(everything).not.toContain('grace.hopper@example.com');
    expect(everything).not.toContain('4155550123');
  });

  it('runs in production only where a config file names driver: log', async () => {
    await recipient(staging, { userId: 'staged', email: 'staged@example.com', phone: '+14155550100' });
    const id = await send(staging, { userId: 'staged', channels: ['EMAIL', 'SMS'] });
    const rows = await untilSettled(staging, `notification_id = '${id}'`);
    expect(rows.map((row) => [row.channel, row.status, row.backend ?? row.reason]).sort()).toEqual([
      ['email', 'sent', 'staging-log'],
      ['sms', 'skipped', 'no_provider'],
    ]);
  });
});

describe('queue settings changed between starts (issue 8, item 8)', () => {
  let database: TestDatabase;
  let dataDir: string | undefined;

  beforeAll(async () => {
    // One database that outlives both starts: a folder for PGlite, a database of its own for PostgreSQL.
    if (testEngine === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'belfry-queue-settings-'));
      database = { config: { kind: 'pglite', dataDir }, drop: async () => {} };
    } else {
      database = await createTestDatabase();
    }
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function startWith(env: Record<string, string>) {
    const belfry = await startTestBelfry({ database: database.config }, env);
    const rows = await belfry.app.database.em
      .getConnection()
      .execute(
        `select retry_limit, retry_delay, retry_delay_max, expire_seconds from pgboss.queue where name = 'belfry-email'`,
      );
    return { belfry, settings: rows[0] };
  }

  it(
    'applies the new retry and timeout settings on the next start, to jobs queued from then on',
    { timeout: 120_000 },
    async () => {
      const first = await startWith({
        DELIVERY_RETRY_LIMIT: '1',
        DELIVERY_RETRY_DELAY_SECONDS: '2',
        DELIVERY_RETRY_DELAY_MAX_SECONDS: '60',
        DELIVERY_TIMEOUT_SECONDS: '30',
      });
      expect(first.settings).toEqual({ retry_limit: 1, retry_delay: 2, retry_delay_max: 60, expire_seconds: 30 });
      await first.belfry.stop();

      const second = await startWith({
        DELIVERY_RETRY_LIMIT: '7',
        DELIVERY_RETRY_DELAY_SECONDS: '5',
        DELIVERY_RETRY_DELAY_MAX_SECONDS: '600',
        DELIVERY_TIMEOUT_SECONDS: '90',
      });
      try {
        expect(second.settings).toEqual({ retry_limit: 7, retry_delay: 5, retry_delay_max: 600, expire_seconds: 90 });
        await recipient(second.belfry, { userId: 'queued-later', email: 'queued-later@example.com' });
        // Held back an hour, so the job is still there to read.
        const id = await send(second.belfry, {
          userId: 'queued-later',
          channels: ['EMAIL'],
          sendAt: new Date(Date.now() + 3_600_000).toISOString(),
        });
        const [delivery] = await deliveryRows(second.belfry, `notification_id = '${id}'`);
        const jobs = await second.belfry.app.database.em
          .getConnection()
          .execute(
            `select retry_limit, expire_seconds from pgboss.job where name = 'belfry-email' and data->>'deliveryId' = ?`,
            [delivery!.id],
          );
        expect(jobs).toEqual([{ retry_limit: 7, expire_seconds: 90 }]);
      } finally {
        await second.belfry.stop();
      }
    },
  );
});

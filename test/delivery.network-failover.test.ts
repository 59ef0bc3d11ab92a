import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeSmtp } from './support/fakes/fake-smtp.js';
import { selfSignedCertificate } from './support/fakes/tls.js';

// Finding 10 of issue 8: mailgun.js reports ECONNREFUSED as "status 400", so an unreachable
// Mailgun failed the email for good while the configured SMTP fallback got nothing. That every
// adapter reports a provider it cannot reach, resolve or hear from as a reason to fail over is
// part of each channel's contract suite (test/channels.*.contract.test.ts); this is the end-to-end case.

/** A port nothing listens on: connections are refused. */
let closedPort: number;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

describe('an unreachable Mailgun with SMTP configured as its fallback', () => {
  const tls = selfSignedCertificate();
  const smtp = new FakeSmtp({ user: 'relay', password: 'relay-pass', tls, implicitTls: true });
  let belfry: TestBelfry;

  beforeAll(async () => {
    await smtp.start();
    belfry = await startTestBelfry(
      {},
      {
        MAILGUN_API_KEY: 'key-test-0123456789',
        MAILGUN_DOMAIN: 'mg.example.com',
        MAILGUN_URL: `http://127.0.0.1:${closedPort}`,
        FROM_EMAIL: 'Belfry <no-reply@example.com>',
        SMTP_URL: `smtps://relay:relay-pass@127.0.0.1:${smtp.port}`,
        PROVIDER_CA: tls.cert,
        DELIVERY_RETRY_LIMIT: '0',
      },
    );
  });
  afterAll(async () => {
    await belfry?.stop();
    await smtp.stop();
  });

  it('sends the email through SMTP in the same run', async () => {
    await belfry.service(
      `mutation { upsertRecipient(input: { userId: "failover-user", email: "ada@example.com" }) { userId } }`,
    );
    const sent = await belfry.service(
      `mutation { sendNotification(input: { userId: "failover-user", channels: [EMAIL], title: "Hello", message: "Body" }) { id } }`,
    );
    expect(sent.errors).toBeUndefined();
    const [delivery] = await untilSettled(belfry, `notification_id = '${sent.data!.sendNotification.id}'`);
    // One failed call to Mailgun, then SMTP at once: no retry of the dead backend first.
    expect(delivery).toMatchObject({ status: 'sent', backend: 'smtp', attempts: 2 });
    expect(smtp.messages.flatMap((message) => message.envelope.to)).toContain('ada@example.com');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { FakeSendGrid } from './support/fakes/fake-sendgrid.js';

// SendGrid end to end (issue 11, item 1): configured with plain environment variables as an
// operator would, a template sent through the local v3 Mail Send fake, and SendGrid as the
// fallback after Mailgun. Status classes and unreachable hosts: test/channels.email.contract.test.ts.

const API_KEY = 'SG.e2e-secret-key-0123456789';
const FROM = 'Belfry <no-reply@example.com>';
const SEND_TEMPLATE = `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { id } }`;

interface Fake {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `fakes`, then a Belfry with the environment `env()` gives; stops both after the describe. */
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
    /** Sends the email_verification template (its code is sealed until sent) to a new recipient; returns the delivery row. */
    async sendCode(userId: string, email: string) {
      const recipient = await belfry.service(
        `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
        { input: { userId, email } },
      );
      expect(recipient.errors).toBeUndefined();
      const sent = await belfry.service(SEND_TEMPLATE, {
        input: { templateKey: 'email_verification', userId, channels: ['EMAIL'], data: { code: '482913' } },
      });
      expect(sent.errors).toBeUndefined();
      const notificationId = sent.data!.sendTemplate[0].id as string;
      const [delivery] = await untilSettled(belfry, `notification_id = '${notificationId}'`);
      if (!delivery) throw new Error(`no delivery for ${notificationId}`);
      return { notificationId, delivery };
    },
    async deliveryOf(notificationId: string) {
      const response = await belfry.service(
        `query($id: ID!) { deliveries(notificationId: $id) { status backend providerMessageId sandbox attempts } }`,
        { id: notificationId },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.deliveries[0];
    },
  };
}

const sendgridEnv = (sendgrid: FakeSendGrid, extra: Record<string, string> = {}) => ({
  SENDGRID_API_KEY: sendgrid.apiKey,
  SENDGRID_URL: sendgrid.url,
  FROM_EMAIL: FROM,
  ...extra,
});

describe('email through SendGrid', () => {
  const sendgrid = new FakeSendGrid(API_KEY);
  const ctx = belfryWith([sendgrid], () => sendgridEnv(sendgrid));

  it('sends a template and stores the X-Message-Id as the provider message id', async () => {
    const { notificationId, delivery } = await ctx.sendCode('sg-user', 'ada@example.com');
    const { mail, messageId } = sendgrid.accepted.at(-1)!;
    expect(messageId).toBeTruthy();
    expect(delivery).toMatchObject({
      status: 'sent',
      backend: 'sendgrid',
      provider_message_id: messageId,
      sandbox: false,
      attempts: 1,
      last_error: null,
      sealed_content: null,
    });
    expect(await ctx.deliveryOf(notificationId)).toEqual({
      status: 'SENT',
      backend: 'sendgrid',
      providerMessageId: messageId,
      sandbox: false,
      attempts: 1,
    });
    expect(mail.personalizations).toEqual([{ to: [{ email: 'ada@example.com' }] }]);
    expect(mail.from).toEqual({ email: 'no-reply@example.com', name: 'Belfry' });
    expect(mail.subject).toBe('Your verification code');
    expect(mail.content.map((part) => part.type)).toEqual(['text/plain', 'text/html']);
    expect(mail.content[0]?.value).toContain('482913');
    expect(mail.headers).toEqual({ 'X-Belfry-Delivery-Id': delivery.id });
    expect(mail.mail_settings).toBeUndefined();
  });

  it('names SendGrid among the backends at start-up and never logs its API key', () => {
    expect(ctx.belfry.logs.find((line) => line.msg === 'delivery backends')).toMatchObject({ email: 'sendgrid' });
    expect(JSON.stringify(ctx.belfry.logs)).not.toContain(API_KEY);
  });
});

describe('SendGrid in sandbox mode (SENDGRID_SANDBOX=true)', () => {
  const sendgrid = new FakeSendGrid(API_KEY);
  const ctx = belfryWith([sendgrid], () => sendgridEnv(sendgrid, { SENDGRID_SANDBOX: 'true' }));

  it('has SendGrid validate the message, delivers nothing, and records the delivery as a sandbox send', async () => {
    const { notificationId, delivery } = await ctx.sendCode('sandbox-user', 'grace@example.com');
    expect(sendgrid.accepted.at(-1)!.mail.mail_settings).toEqual({ sandbox_mode: { enable: true } });
    expect(sendgrid.delivered).toEqual([]);
    expect(delivery).toMatchObject({ status: 'sent', backend: 'sendgrid', provider_message_id: null, sandbox: true });
    expect(await ctx.deliveryOf(notificationId)).toMatchObject({ status: 'SENT', sandbox: true });
  });

  it('says so at start-up', () => {
    expect(ctx.belfry.logs.find((line) => /SendGrid sandbox mode/.test(line.msg))).toMatchObject({
      level: 40,
      backend: 'sendgrid',
    });
  });
});

describe('SendGrid after Mailgun in failover order', () => {
  const mailgun = new FakeMailgun('key-sg-failover-0123456789', 'mg.example.com');
  const sendgrid = new FakeSendGrid(API_KEY);
  const ctx = belfryWith([mailgun, sendgrid], () => ({
    MAILGUN_API_KEY: mailgun.apiKey,
    MAILGUN_DOMAIN: mailgun.domain,
    MAILGUN_URL: mailgun.url,
    ...sendgridEnv(sendgrid),
  }));
  afterEach(() => {
    expect(mailgun.unusedScript).toBe(0);
    expect(sendgrid.unusedScript).toBe(0);
  });

  it('is started as the fallback', () => {
    expect(ctx.belfry.logs.find((line) => line.msg === 'delivery backends')).toMatchObject({
      email: 'mailgun → sendgrid',
    });
  });

  it('leaves SendGrid alone while Mailgun sends', async () => {
    const before = sendgrid.requests.length;
    const { delivery } = await ctx.sendCode('mailgun-first', 'first@example.com');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'mailgun', attempts: 1 });
    expect(sendgrid.requests.length).toBe(before);
  });

  it('fails over to SendGrid when Mailgun keeps answering 503', async () => {
    const busy = { status: 503, body: { message: 'Service Unavailable' } };
    mailgun.script(busy, busy);
    const { delivery } = await ctx.sendCode('to-sendgrid', 'second@example.com');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'sendgrid', attempts: 3, last_error: null });
    expect(delivery.provider_message_id).toBe(sendgrid.accepted.at(-1)!.messageId);
    expect(sendgrid.delivered.at(-1)!.personalizations[0]?.to).toEqual([{ email: 'second@example.com' }]);
  });

  it('fails over at once when Mailgun rejects its credentials', async () => {
    mailgun.script({ status: 401, body: { message: 'Invalid private key' } });
    const { delivery } = await ctx.sendCode('mailgun-401', 'third@example.com');
    expect(delivery).toMatchObject({ status: 'sent', backend: 'sendgrid', attempts: 2 });
  });
});

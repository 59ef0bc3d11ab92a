import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendGridAdapter, parseAddress } from '../src/channels/email/sendgrid.adapter.js';
import { SendError } from '../src/channels/send-error.js';
import { FakeSendGrid } from './support/fakes/fake-sendgrid.js';

// What SendGrid is sent and what a sandbox send comes back as. Status classes, unreachable
// hosts, abort and close: test/channels.email.contract.test.ts.

const API_KEY = 'SG.adapter-test-key-0123456789';
const sendgrid = new FakeSendGrid(API_KEY);
const signal = new AbortController().signal;
const message = {
  to: 'ada@example.com',
  subject: 'Your code',
  text: 'Code 1234',
  html: '<p>Code <b>1234</b></p>',
  deliveryId: 'd-42',
};

beforeAll(() => sendgrid.start());
afterAll(() => sendgrid.stop());

const adapter = (options: { sandboxMode?: boolean; apiKey?: string } = {}) =>
  new SendGridAdapter('sendgrid', {
    apiKey: API_KEY,
    from: 'Acme Alerts <alerts@example.com>',
    url: sendgrid.url,
    ...options,
  });

describe('SendGridAdapter against the v3 Mail Send API', () => {
  it('posts one personalization, the sender by name, text before html, and the delivery id; the receipt is X-Message-Id', async () => {
    const receipt = await adapter().send(message, signal);
    const request = sendgrid.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/v3/mail/send' });
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const { mail, messageId } = sendgrid.accepted.at(-1)!;
    expect(receipt).toEqual({ providerMessageId: messageId });
    expect(messageId).toMatch(/^\S{10,}$/);
    expect(mail).toEqual({
      personalizations: [{ to: [{ email: 'ada@example.com' }] }],
      from: { email: 'alerts@example.com', name: 'Acme Alerts' },
      subject: 'Your code',
      content: [
        { type: 'text/plain', value: 'Code 1234' },
        { type: 'text/html', value: '<p>Code <b>1234</b></p>' },
      ],
      headers: { 'X-Belfry-Delivery-Id': 'd-42' },
      custom_args: { belfry_delivery_id: 'd-42' },
    });
  });

  it('in sandbox mode asks SendGrid to validate only, and says so on the receipt', async () => {
    const before = sendgrid.delivered.length;
    const receipt = await adapter({ sandboxMode: true }).send({ ...message, html: null }, signal);
    expect(receipt).toEqual({ providerMessageId: null, sandbox: true });
    expect(sendgrid.accepted.at(-1)!.mail).toMatchObject({
      mail_settings: { sandbox_mode: { enable: true } },
      content: [{ type: 'text/plain', value: 'Code 1234' }],
    });
    expect(sendgrid.delivered.length).toBe(before);
  });

  it("carries SendGrid's own error message, and never the API key, in the error", async () => {
    const refused = await adapter({ apiKey: 'SG.wrong-key-secret' })
      .send(message, signal)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(SendError);
    expect(refused).toMatchObject({ code: 'credentials_rejected', failover: true });
    expect((refused as Error).message).toContain('authorization grant is invalid');
    const invalid = await adapter()
      .send({ ...message, to: 'not an address' }, signal)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(invalid).toMatchObject({ code: 'http_400', retryable: false, failover: false });
    expect((invalid as Error).message).toContain('Does not contain a valid address');
    for (const error of [refused, invalid]) {
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toMatch(/SG\./);
      expect((error as Error).cause).toBeUndefined();
    }
  });
});

describe('an aborted send', () => {
  it('makes no request when the signal is aborted already', async () => {
    const before = sendgrid.requests.length;
    const controller = new AbortController();
    controller.abort();
    await expect(adapter().send(message, controller.signal)).rejects.toMatchObject({ retryable: true });
    // A request that had gone out would have been recorded by now: the fake records it on arrival.
    await adapter().send(message, signal);
    expect(sendgrid.requests.length).toBe(before + 1);
  });

  it('cancels the request in flight instead of leaving it to the timeout', async () => {
    const held = deferred();
    const arrived = deferred();
    const abandoned = deferred();
    sendgrid.script({ status: 503, release: held.promise, arrived: arrived.resolve, abandoned: abandoned.resolve });
    const controller = new AbortController();
    const sending = adapter().send(message, controller.signal);
    await arrived.promise;
    controller.abort();
    await expect(sending).rejects.toBeInstanceOf(SendError);
    // The fake sees the connection closed before it answered.
    await abandoned.promise;
    held.resolve();
  });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('parseAddress', () => {
  it.each([
    ['no-reply@example.com', { email: 'no-reply@example.com' }],
    ['Belfry <no-reply@example.com>', { email: 'no-reply@example.com', name: 'Belfry' }],
    ['"Acme, Inc." <a@example.com>', { email: 'a@example.com', name: 'Acme, Inc.' }],
    ['<a@example.com>', { email: 'a@example.com' }],
  ])('%s', (address, parsed) => expect(parseAddress(address)).toEqual(parsed));
});

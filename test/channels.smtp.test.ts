import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpAdapter } from '../src/channels/email/smtp.adapter.js';
import { FakeSmtp } from './support/fakes/fake-smtp.js';
import { selfSignedCertificate } from './support/fakes/tls.js';

const tls = selfSignedCertificate();
const starttls = new FakeSmtp({ user: 'mailer', password: 'secret-pass', tls, implicitTls: false });
const signal = new AbortController().signal;
const message = {
  to: 'ada@example.com',
  subject: 'Over STARTTLS',
  text: 'plain',
  html: '<p>html</p>',
  deliveryId: 'd-1',
};

beforeAll(() => starttls.start());
afterAll(() => starttls.stop());

// Reply codes, rejected credentials, unreachable servers, abort and close: test/channels.email.contract.test.ts.
describe('SmtpAdapter against a real SMTP session', () => {
  it('upgrades with STARTTLS, authenticates and delivers a parsable message', async () => {
    const adapter = new SmtpAdapter('relay', {
      url: `smtp://mailer:secret-pass@127.0.0.1:${starttls.port}?requireTLS=true`,
      from: 'Belfry <no-reply@example.com>',
      ca: tls.cert,
    });
    const receipt = await adapter.send(message, signal);
    await adapter.close();
    expect(receipt.providerMessageId).toMatch(/^<.+>$/);
    const received = starttls.messages.at(-1)!;
    expect(received.secure).toBe(true); // the session was upgraded before AUTH and DATA
    expect(received.envelope).toEqual({ from: 'no-reply@example.com', to: ['ada@example.com'] });
    expect(received.email).toMatchObject({
      subject: 'Over STARTTLS',
      text: expect.stringMatching(/^plain\s*$/),
      html: expect.stringMatching(/^<p>html<\/p>\s*$/),
    });
    expect(received.email.from).toMatchObject({ name: 'Belfry', address: 'no-reply@example.com' });
  });
});

import { MailgunAdapter } from '../src/channels/email/mailgun.adapter.js';
import { SendGridAdapter } from '../src/channels/email/sendgrid.adapter.js';
import { SmtpAdapter } from '../src/channels/email/smtp.adapter.js';
import { LogOutbox } from '../src/channels/log.adapter.js';
import type { EmailTransport } from '../src/channels/ports.js';
import { createLogger } from '../src/logger.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { FakeSendGrid } from './support/fakes/fake-sendgrid.js';
import { FakeSmtp } from './support/fakes/fake-smtp.js';
import { selfSignedCertificate } from './support/fakes/tls.js';
import {
  settle,
  transportContract,
  type AdapterUnderTest,
  type ContractSubject,
} from './support/transport-contract.js';

// The email transport contract (test/support/transport-contract.ts), over every email adapter.
// A new adapter is done when an entry for it passes here.

const message = { to: 'ada@example.com', subject: 'S', text: 'T', deliveryId: 'd-1' };

function underTest(transport: EmailTransport): AdapterUnderTest {
  return { send: (signal) => settle(transport.send(message, signal)), close: async () => transport.close?.() };
}

const mailgun = new FakeMailgun('key-test-0123456789', 'mg.example.com');
const sendgrid = new FakeSendGrid('SG.contract-test-key');
const tls = selfSignedCertificate();
const smtp = new FakeSmtp({ user: 'relay', password: 'relay-pass', tls, implicitTls: true });
const smtpUrl = (base: string, password = 'relay-pass') => `smtps://relay:${password}@${base}`;

transportContract('email', [
  {
    name: 'Mailgun',
    protocol: 'http',
    start: async () => {
      await mailgun.start();
    },
    stop: () => mailgun.stop(),
    open: ({ base, timeoutMs } = {}) =>
      underTest(
        new MailgunAdapter('mailgun', {
          apiKey: mailgun.apiKey,
          domain: mailgun.domain,
          from: 'a@example.com',
          url: base ? `http://${base}` : mailgun.url,
          timeoutMs,
        }),
      ),
    answer: ({ status, release, arrived }) =>
      mailgun.script({ status, body: { message: `scripted ${status}` }, release, arrived }),
  },
  {
    name: 'SendGrid',
    protocol: 'http',
    start: async () => {
      await sendgrid.start();
    },
    stop: () => sendgrid.stop(),
    open: ({ base, timeoutMs } = {}) =>
      underTest(
        new SendGridAdapter('sendgrid', {
          apiKey: sendgrid.apiKey,
          from: 'Acme <a@example.com>',
          url: base ? `http://${base}` : sendgrid.url,
          timeoutMs,
        }),
      ),
    answer: ({ status, release, arrived }) =>
      sendgrid.script({
        status,
        body: { errors: [{ message: `scripted ${status}`, field: null, help: null }] },
        release,
        arrived,
      }),
  },
  {
    name: 'SMTP',
    protocol: 'smtp',
    start: async () => {
      await smtp.start();
    },
    stop: () => smtp.stop(),
    open: ({ base, timeoutMs } = {}) =>
      underTest(
        base
          ? new SmtpAdapter('smtp', { url: `smtp://${base}`, from: 'a@example.com', timeoutMs })
          : new SmtpAdapter('smtp', {
              url: smtpUrl(`127.0.0.1:${smtp.port}`),
              from: 'a@example.com',
              ca: tls.cert,
              timeoutMs,
            }),
      ),
    answer: ({ status, release, arrived }) =>
      smtp.rejectNext(status, `scripted ${status}`, release ? { release, arrived } : undefined),
    openWithWrongCredentials: () =>
      underTest(
        new SmtpAdapter('smtp', {
          url: smtpUrl(`127.0.0.1:${smtp.port}`, 'wrong'),
          from: 'a@example.com',
          ca: tls.cert,
        }),
      ),
  },
  logSubject(),
] satisfies ContractSubject[]);

/** The log backend: no provider behind it, so only the success, abort and close cases apply. */
function logSubject(): ContractSubject {
  const outbox = new LogOutbox(createLogger('silent'));
  return {
    name: 'log',
    protocol: 'none',
    start: async () => {},
    stop: async () => {},
    open: () => underTest(outbox.email()),
    answer: () => {},
  };
}

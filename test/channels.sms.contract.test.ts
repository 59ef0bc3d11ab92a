import { LogOutbox } from '../src/channels/log.adapter.js';
import type { SmsTransport } from '../src/channels/ports.js';
import { TwilioAdapter } from '../src/channels/sms/twilio.adapter.js';
import { createLogger } from '../src/logger.js';
import { FakeTwilio } from './support/fakes/fake-twilio.js';
import {
  settle,
  transportContract,
  type AdapterUnderTest,
  type ContractSubject,
} from './support/transport-contract.js';

// The SMS transport contract (test/support/transport-contract.ts), over every SMS adapter.
// A new adapter is done when an entry for it passes here.

const message = { to: '+14155550123', body: 'hi', deliveryId: 'd-1' };

function underTest(transport: SmsTransport): AdapterUnderTest {
  return { send: (signal) => settle(transport.send(message, signal)), close: async () => transport.close?.() };
}

const twilio = new FakeTwilio(`AC${'a'.repeat(32)}`, 'twilio-token-0123');
const outbox = new LogOutbox(createLogger('silent'));

transportContract('SMS', [
  {
    name: 'Twilio',
    protocol: 'http',
    start: async () => {
      await twilio.start();
    },
    stop: () => twilio.stop(),
    open: ({ base, timeoutMs } = {}) =>
      underTest(
        new TwilioAdapter('twilio', {
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          from: '+15005550006',
          url: base ? `http://${base}` : twilio.url,
          timeoutMs,
        }),
      ),
    // Twilio's error body: its own code (20429, 20003, 21602 …) next to the HTTP status.
    answer: ({ status, release, arrived }) =>
      twilio.script({
        status,
        body: { code: 20000 + status, message: `scripted ${status}`, status },
        release,
        arrived,
      }),
  },
  // The log backend: no provider behind it, so only the success, abort and close cases apply.
  {
    name: 'log',
    protocol: 'none',
    start: async () => {},
    stop: async () => {},
    open: () => underTest(outbox.sms()),
    answer: () => {},
  },
] satisfies ContractSubject[]);

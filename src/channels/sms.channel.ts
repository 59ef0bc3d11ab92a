import { failedBeforeSending, noProvider, outcomeOf, type ChannelOutcome, type OutboundDelivery } from './channel.js';
import type { SmsContent } from './content.js';
import { unlessExpired } from './expiry.js';
import { sendWithFailover } from './failover.js';
import type { SmsTransport } from './ports.js';
import { SendError } from './send-error.js';
import type { FailoverPolicy } from '../config/settings.js';

/** SMS: the text plus the recipient's number become one `SmsMessage`, sent through the SMS transports in failover order. */
export class SmsChannel {
  constructor(
    private readonly transports: readonly SmsTransport[],
    private readonly policy: FailoverPolicy,
  ) {}

  async send(delivery: OutboundDelivery, content: SmsContent, signal: AbortSignal): Promise<ChannelOutcome> {
    const to = delivery.phone;
    if (!to) return failedBeforeSending(new SendError('no_phone_number', 'the recipient has no phone number any more'));
    if (!this.transports.length) return failedBeforeSending(noProvider('sms'));
    const message = { to, body: content.text, deliveryId: delivery.id };
    return outcomeOf(
      await sendWithFailover(
        this.transports,
        (transport) => unlessExpired(delivery.expiresAt, () => transport.send(message, signal)),
        this.policy,
        signal,
      ),
    );
  }
}

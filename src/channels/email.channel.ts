import { failedBeforeSending, noProvider, outcomeOf, type ChannelOutcome, type OutboundDelivery } from './channel.js';
import type { EmailContent } from './content.js';
import { unlessExpired } from './expiry.js';
import { sendWithFailover } from './failover.js';
import type { EmailTransport } from './ports.js';
import { SendError } from './send-error.js';
import type { FailoverPolicy } from '../config/settings.js';

/** Email: the rendered copy plus the recipient's address become one `EmailMessage`, sent through the email transports in failover order. */
export class EmailChannel {
  constructor(
    private readonly transports: readonly EmailTransport[],
    private readonly policy: FailoverPolicy,
  ) {}

  async send(delivery: OutboundDelivery, content: EmailContent, signal: AbortSignal): Promise<ChannelOutcome> {
    const to = delivery.email;
    if (!to)
      return failedBeforeSending(new SendError('no_email_address', 'the recipient has no email address any more'));
    if (!this.transports.length) return failedBeforeSending(noProvider('email'));
    const message = {
      to,
      subject: content.subject,
      text: content.text,
      html: content.html,
      deliveryId: delivery.id,
      // RFC 8058: mail clients show an unsubscribe button that POSTs `List-Unsubscribe=One-Click` to the link.
      ...(content.unsubscribeUrl
        ? {
            headers: {
              'List-Unsubscribe': `<${content.unsubscribeUrl}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            },
          }
        : {}),
    };
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

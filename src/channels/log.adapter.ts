import type { Logger } from '../logger.js';
import { PushTargetKind } from '../shared/enums.js';
import { toSendError } from './send-error.js';
import type {
  EmailMessage,
  EmailTransport,
  PushDestination,
  PushMessage,
  PushResult,
  PushTransport,
  SendReceipt,
  SmsMessage,
  SmsTransport,
} from './ports.js';

/** A message the log backend accepted instead of sending. */
export type LoggedMessage =
  | { readonly channel: 'email'; readonly message: EmailMessage }
  | { readonly channel: 'sms'; readonly message: SmsMessage }
  | { readonly channel: 'push'; readonly message: PushMessage; readonly destinations: readonly PushDestination[] };

const KEEP = 200;

/**
 * The development backend of a channel with no provider configured (or one a config file
 * names `driver: log`): it accepts every message, logs that it did (delivery id and a masked
 * recipient only: bodies may hold secrets, and logs are no place for addresses), and keeps
 * the last 200 in memory. Like every transport, it records nothing for an aborted job.
 */
export class LogOutbox {
  readonly messages: LoggedMessage[] = [];

  constructor(private readonly logger: Logger) {}

  record(entry: LoggedMessage): SendReceipt {
    this.messages.push(entry);
    if (this.messages.length > KEEP) this.messages.shift();
    const to =
      entry.channel === 'push'
        ? `${entry.destinations.length} device(s)`
        : entry.channel === 'email'
          ? maskEmail(entry.message.to)
          : maskPhone(entry.message.to);
    this.logger.info(
      { backend: 'log', channel: entry.channel, to, deliveryId: entry.message.deliveryId },
      'log backend: message recorded, not sent',
    );
    return { providerMessageId: `log-${entry.message.deliveryId}` };
  }

  email(name = 'log'): EmailTransport {
    return {
      name,
      send: async (message: EmailMessage, signal: AbortSignal) => {
        if (signal.aborted) throw toSendError(signal.reason);
        return this.record({ channel: 'email', message });
      },
    };
  }

  sms(name = 'log'): SmsTransport {
    return {
      name,
      send: async (message: SmsMessage, signal: AbortSignal) => {
        if (signal.aborted) throw toSendError(signal.reason);
        return this.record({ channel: 'sms', message });
      },
    };
  }

  push(kind: PushTargetKind, name = 'log'): PushTransport {
    return {
      name,
      kind,
      send: async (
        destinations: readonly PushDestination[],
        message: PushMessage,
        signal: AbortSignal,
      ): Promise<PushResult[]> => {
        // Like every push transport: an aborted job's targets fail (retryably), nothing is recorded.
        if (signal.aborted)
          return destinations.map((destination) => ({
            targetId: destination.id,
            ok: false,
            error: toSendError(signal.reason),
          }));
        const receipt = this.record({ channel: 'push', message, destinations });
        return destinations.map((destination) => ({
          targetId: destination.id,
          ok: true,
          providerMessageId: receipt.providerMessageId,
        }));
      },
    };
  }
}

/** "ada@example.com" → "a•••@example.com": enough to tell test recipients apart, not to contact one. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}

/** "+14155550123" → "•••0123". */
export function maskPhone(number: string): string {
  return `•••${number.slice(-4)}`;
}

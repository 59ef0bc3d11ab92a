import type { Priority } from '../shared/enums.js';
import type { FailoverOutcome } from './failover.js';
import type { SendReceipt } from './ports.js';
import { SendError } from './send-error.js';

/** The delivery a channel sends: who it is for, and until when it is worth sending. */
export interface OutboundDelivery {
  readonly id: string;
  readonly notificationId: string;
  readonly userId: string;
  readonly priority: Priority;
  /** The recipient's address for email; null when they have none (any more). */
  readonly email: string | null;
  /** The recipient's E.164 number for SMS; null when they have none. */
  readonly phone: string | null;
  /** Nothing goes out after it: checked before every provider call. */
  readonly expiresAt: Date | null;
}

/**
 * How one `send` of a channel ended, after failover. `attempts` counts provider calls (at
 * least 1, also when no call was made). `provider` names the provider(s) that sent it, or
 * the last one that failed; null when none was called.
 */
export type ChannelOutcome =
  | {
      readonly ok: true;
      readonly provider: string;
      readonly providerMessageId: string | null;
      /** The provider accepted it in sandbox mode: nothing was delivered (see SendReceipt.sandbox). */
      readonly sandbox?: boolean;
      readonly attempts: number;
    }
  | { readonly ok: false; readonly provider: string | null; readonly error: SendError; readonly attempts: number };

/** A failed outcome before any provider call. */
export function failedBeforeSending(error: SendError): ChannelOutcome {
  return { ok: false, provider: null, error, attempts: 1 };
}

/** A channel's outcome from the failover policy's, naming the provider by its configured name. */
export function outcomeOf(outcome: FailoverOutcome<{ readonly name: string }, SendReceipt>): ChannelOutcome {
  if (outcome.ok)
    return {
      ok: true,
      provider: outcome.transport.name,
      providerMessageId: outcome.result.providerMessageId,
      ...(outcome.result.sandbox ? { sandbox: true } : {}),
      attempts: outcome.attempts,
    };
  return { ok: false, provider: outcome.transport?.name ?? null, error: outcome.error, attempts: outcome.attempts };
}

/** In production a channel with no provider is not "sent" through the log backend: it is skipped. */
export function noProvider(what: string, message = `no ${what} provider is configured`): SendError {
  return new SendError('no_provider', message);
}

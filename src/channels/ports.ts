/*
 * The transport ports. Vocabulary used throughout channels/: a *provider* is what the operator
 * configures (Mailgun, an SMTP relay, Twilio, …); a *transport* is this port, one per provider;
 * an *adapter* (`*.adapter.ts`) implements it for one kind of provider. A *channel*
 * (`*.channel.ts`) turns a delivery into messages and sends them through its transports.
 * Every adapter passes its channel's contract suite (test/channels.*.contract.test.ts).
 */
import type { SendError } from './send-error.js';
import type { PushTargetKind } from '../shared/enums.js';

/** What a provider said when it accepted a message. */
export interface SendReceipt {
  /** The provider's id for the message, when it returns one. */
  readonly providerMessageId: string | null;
  /** True when the provider only validated the message in its sandbox (test) mode: nothing was delivered. */
  readonly sandbox?: boolean;
}

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | null;
  /** Belfry's delivery id, sent as a header so provider logs can be matched to it. */
  readonly deliveryId: string;
  /** Extra headers every adapter sends as they are (List-Unsubscribe, List-Unsubscribe-Post). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends email through one provider. Throws {@link SendError} (or anything, which is
 * classified as retryable) when the provider does not accept the message.
 */
export interface EmailTransport {
  readonly name: string;
  send(message: EmailMessage, signal: AbortSignal): Promise<SendReceipt>;
  close?(): Promise<void>;
}

export interface SmsMessage {
  /** E.164. */
  readonly to: string;
  readonly body: string;
  readonly deliveryId: string;
}

export interface SmsTransport {
  readonly name: string;
  send(message: SmsMessage, signal: AbortSignal): Promise<SendReceipt>;
  close?(): Promise<void>;
}

export interface PushMessage {
  readonly title: string;
  readonly body: string;
  readonly url?: string | null;
  /** Maps to Web Push urgency, FCM/APNs priority. */
  readonly urgent: boolean;
  /** How long the push service may hold the message for an offline device. */
  readonly ttlSeconds: number;
  readonly deliveryId: string;
  readonly notificationId: string;
}

/** One registered device or browser, as a push adapter needs it. */
export interface PushDestination {
  readonly id: string;
  readonly token: string;
  readonly keys?: { readonly p256dh: string; readonly auth: string } | null;
}

/** The outcome for one destination: sent, or the error (with `targetGone` for dead tokens). */
export type PushResult =
  | { readonly targetId: string; readonly ok: true; readonly providerMessageId: string | null }
  | { readonly targetId: string; readonly ok: false; readonly error: SendError };

/**
 * Sends push to the destinations of one kind. One bad destination never fails the others:
 * every destination gets its own result.
 */
export interface PushTransport {
  readonly name: string;
  readonly kind: PushTargetKind;
  send(destinations: readonly PushDestination[], message: PushMessage, signal: AbortSignal): Promise<PushResult[]>;
  close?(): Promise<void>;
}

import twilio from 'twilio';
import type { Receipt } from './receipt.js';
import { ReceiptRefused } from './receipt-refused.js';

/** Carrier error 21610: the number replied STOP to this sender; Twilio refuses to text it. */
export const TWILIO_OPTED_OUT = '21610';
/** Replies that opt a number out of a sender (Twilio's default opt-out keywords). */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT']);

/** A verified Twilio call: the receipt of a status callback, or the number of an inbound opt-out. */
export type TwilioCall = { readonly receipt: Receipt } | { readonly optOut: string } | { readonly ignored: true };

/**
 * Checks `X-Twilio-Signature` with the SDK's `validateRequest`: HMAC-SHA1 under the auth
 * token of the URL Twilio called (`<PUBLIC_URL>/webhooks/<backend>`, the StatusCallback
 * Belfry set) followed by the sorted form parameters.
 */
export function verifyTwilio(
  params: Record<string, string>,
  authToken: string,
  url: string,
  signature: string | undefined,
): void {
  if (!signature) throw new ReceiptRefused(401, 'Missing X-Twilio-Signature');
  if (!twilio.validateRequest(authToken, signature, url, params))
    throw new ReceiptRefused(401, 'Invalid Twilio signature');
}

/** Parses a verified form: a message status callback, or an inbound message (an opt-out when it says STOP). */
export function parseTwilio(params: Record<string, string>, backend: string): TwilioCall {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = params.MessageStatus ?? params.SmsStatus;
  if (
    params.OptOutType === 'STOP' ||
    (status === 'received' && STOP_WORDS.has((params.Body ?? '').trim().toUpperCase()))
  )
    return params.From ? { optOut: params.From } : { ignored: true };
  if (!sid || !status) return { ignored: true };
  const errorCode = params.ErrorCode;
  const type =
    status === 'delivered'
      ? 'delivered'
      : status === 'read'
        ? 'opened'
        : status === 'undelivered' || status === 'failed'
          ? errorCode === TWILIO_OPTED_OUT
            ? 'opted_out'
            : 'undelivered'
          : null;
  if (!type) return { ignored: true };
  return {
    receipt: {
      backend,
      providerMessageId: sid,
      // Twilio sends each status of a message once (and retries it as is): the pair names the event.
      eventId: `${sid}:${status}`,
      type,
      at: new Date(),
      detail: errorCode ? { code: errorCode, status } : { status },
      recipient: params.To ?? null,
    },
  };
}

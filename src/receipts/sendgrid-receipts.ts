import { EventWebhook } from '@sendgrid/eventwebhook';
import type { Receipt, ReceiptType } from './receipt.js';
import { ReceiptRefused } from './receipt-refused.js';

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/**
 * Checks a SendGrid Event Webhook call: an ECDSA (P-256, SHA-256) signature over the
 * timestamp header followed by the raw body, with the verification key from SendGrid's mail
 * settings, through SendGrid's own `@sendgrid/eventwebhook`.
 */
export function verifySendGrid(
  body: Buffer,
  publicKey: string,
  signature: string | undefined,
  timestamp: string | undefined,
): void {
  if (!signature || !timestamp) throw new ReceiptRefused(401, 'Missing SendGrid signature or timestamp header');
  const webhook = new EventWebhook();
  let valid = false;
  try {
    valid = webhook.verifySignature(webhook.convertPublicKeyToECDSA(publicKey), body, signature, timestamp);
  } catch {
    // A signature that is not base64 DER, or a key that does not parse: not a valid call either way.
  }
  if (!valid) throw new ReceiptRefused(401, 'Invalid SendGrid signature');
}

/** SendGrid's event names, as receipts; `processed` says nothing a delivery needs. */
function typeOf(event: Record<string, unknown>): ReceiptType | null {
  switch (event.event) {
    case 'delivered':
      return 'delivered';
    case 'open':
      return 'opened';
    case 'click':
      return 'clicked';
    case 'bounce':
      // "blocked" is SendGrid's temporary refusal by the receiving server.
      return event.type === 'blocked' ? 'deferred' : 'bounced';
    case 'deferred':
      return 'deferred';
    case 'dropped':
      return 'undelivered';
    case 'spamreport':
      return 'complained';
    case 'unsubscribe':
    case 'group_unsubscribe':
      return 'unsubscribed';
    default:
      return null;
  }
}

/**
 * The receipts of a verified SendGrid call (a JSON array of events). `sg_message_id` is the
 * send's `X-Message-Id` followed by `.filter…`: the part before the first dot is the id
 * the SendGrid adapter stored.
 */
export function parseSendGrid(body: Buffer, backend: string): Receipt[] {
  let events: unknown;
  try {
    events = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ReceiptRefused(400, 'The body is not JSON');
  }
  if (!Array.isArray(events)) throw new ReceiptRefused(400, 'SendGrid posts a JSON array of events');
  const receipts: Receipt[] = [];
  for (const raw of events as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const event = raw as Record<string, unknown>;
    const type = typeOf(event);
    if (!type || typeof event.sg_message_id !== 'string' || typeof event.sg_event_id !== 'string') continue;
    const detail: Record<string, unknown> = {};
    if (type === 'bounced' || type === 'deferred') detail.kind = type === 'bounced' ? 'hard' : 'soft';
    if (typeof event.reason === 'string') detail.reason = event.reason.slice(0, 500);
    if (typeof event.status === 'string') detail.code = event.status;
    if (type === 'clicked' && typeof event.url === 'string') detail.url = event.url.slice(0, 2000);
    const seconds = Number(event.timestamp);
    receipts.push({
      backend,
      providerMessageId: event.sg_message_id.split('.')[0]!,
      eventId: event.sg_event_id,
      type,
      at: Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(),
      detail,
      recipient: typeof event.email === 'string' ? event.email : null,
    });
  }
  return receipts;
}

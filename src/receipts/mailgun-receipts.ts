import { createHmac, timingSafeEqual } from 'node:crypto';
import { bareMessageId, type Receipt, type ReceiptType } from './receipt.js';
import { ReceiptRefused } from './receipt-refused.js';

/** Mailgun's signature timestamps older than this are refused (a replay window of its own). */
export const MAILGUN_MAX_AGE_MS = 5 * 60_000;

interface MailgunWebhook {
  readonly signature?: { readonly timestamp?: unknown; readonly token?: unknown; readonly signature?: unknown };
  readonly 'event-data'?: Record<string, unknown>;
}

/** The verified signature's one-time token and its time, for replay checks. */
export interface MailgunSignature {
  readonly token: string;
  readonly at: Date;
}

/**
 * Checks a Mailgun webhook's signature: HMAC-SHA256 of `timestamp + token` under the
 * webhook signing key, hex, compared in constant time; and the timestamp is recent. Returns
 * the token, which the caller must refuse if it was seen before.
 */
export function verifyMailgun(body: unknown, signingKey: string, now = Date.now()): MailgunSignature {
  const signature = (body as MailgunWebhook | null)?.signature;
  const { timestamp, token, signature: hex } = signature ?? {};
  if (typeof timestamp !== 'string' || typeof token !== 'string' || typeof hex !== 'string')
    throw new ReceiptRefused(401, 'Missing Mailgun signature (signature.timestamp, token, signature)');
  const expected = createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest();
  const given = Buffer.from(hex, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new ReceiptRefused(401, 'Invalid Mailgun signature');
  const at = new Date(Number(timestamp) * 1000);
  if (!Number.isFinite(at.getTime()) || Math.abs(now - at.getTime()) > MAILGUN_MAX_AGE_MS)
    throw new ReceiptRefused(401, 'Mailgun signature timestamp is more than 5 minutes away from now');
  return { token, at };
}

/** Mailgun's event names, as receipts; `accepted` and `stored` say nothing a delivery needs. */
function typeOf(event: string, severity: unknown): ReceiptType | null {
  switch (event) {
    case 'delivered':
    case 'opened':
    case 'clicked':
    case 'complained':
    case 'unsubscribed':
      return event;
    case 'failed':
      return severity === 'temporary' ? 'deferred' : 'bounced';
    default:
      return null;
  }
}

/** The receipt a verified Mailgun webhook carries, or null for an event Belfry does not track. */
export function parseMailgun(body: unknown, backend: string): Receipt | null {
  const data = (body as MailgunWebhook)['event-data'];
  if (!data || typeof data.event !== 'string') throw new ReceiptRefused(400, 'Missing event-data.event');
  const type = typeOf(data.event, data.severity);
  if (!type) return null;
  const message = data.message as { headers?: Record<string, unknown> } | undefined;
  const messageId = message?.headers?.['message-id'];
  if (typeof messageId !== 'string' || typeof data.id !== 'string')
    throw new ReceiptRefused(400, 'Missing event-data.id or event-data.message.headers.message-id');
  const status = data['delivery-status'] as { code?: unknown; message?: unknown; description?: unknown } | undefined;
  const detail: Record<string, unknown> = {};
  if (type === 'bounced' || type === 'deferred') {
    detail.kind = type === 'bounced' ? 'hard' : 'soft';
    if (status?.code !== undefined) detail.code = status.code;
    const reason = status?.description || status?.message || data.reason;
    if (typeof reason === 'string' && reason) detail.reason = reason.slice(0, 500);
  }
  if (type === 'clicked' && typeof data.url === 'string') detail.url = data.url.slice(0, 2000);
  const seconds = Number(data.timestamp);
  return {
    backend,
    providerMessageId: bareMessageId(messageId),
    eventId: data.id,
    type,
    at: Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(),
    detail,
    recipient: typeof data.recipient === 'string' ? data.recipient : null,
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { Category } from '../shared/enums.js';

/** What an unsubscribe link may do: turn off one user's email for one category, nothing else. */
export interface UnsubscribeGrant {
  readonly userId: string;
  readonly category: Category;
}

const PURPOSE = 'belfry-unsubscribe-v1';

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`${PURPOSE}\n${payload}`).digest();
}

/**
 * Signs a one-click unsubscribe grant with SECRET_KEY (HMAC-SHA256, its own purpose string so no
 * other Belfry signature can pass for it). No expiry: RFC 8058 links must keep working in old
 * mail; rotating SECRET_KEY voids them all.
 */
export function signUnsubscribe(key: Buffer, grant: UnsubscribeGrant): string {
  const payload = Buffer.from(JSON.stringify({ u: grant.userId, c: grant.category }), 'utf8').toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The grant of a token this key signed, or null for anything else (forged, altered, malformed). */
export function verifyUnsubscribe(key: Buffer, token: string): UnsubscribeGrant | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 1000) return null;
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { u, c } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; c?: unknown };
    if (typeof u !== 'string' || !Object.values(Category).includes(c as Category)) return null;
    return { userId: u, category: c as Category };
  } catch {
    return null;
  }
}

/** The link a MARKETING email carries, or null without PUBLIC_URL (then no header is sent). */
export function unsubscribeUrl(publicUrl: string | undefined, key: Buffer, grant: UnsubscribeGrant): string | null {
  return publicUrl ? `${publicUrl}/unsubscribe/${signUnsubscribe(key, grant)}` : null;
}

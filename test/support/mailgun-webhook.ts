import { createHmac, randomBytes } from 'node:crypto';

/**
 * A Mailgun webhook body, signed as Mailgun signs it: HMAC-SHA256 over timestamp + token with
 * the webhook signing key, hex. `options` make bad ones (another key, an old timestamp, a reused token).
 */
export function mailgunWebhook(
  eventData: Record<string, unknown>,
  signingKey: string,
  options: { timestamp?: number; token?: string } = {},
): Record<string, unknown> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const token = options.token ?? randomBytes(25).toString('hex');
  const signature = createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
  return { signature: { timestamp, token, signature }, 'event-data': eventData };
}

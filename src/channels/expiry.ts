import { SendError } from './send-error.js';

/** True once `expiresAt` has passed; null never expires. */
export function isExpired(expiresAt: Date | null): boolean {
  return expiresAt !== null && expiresAt.getTime() <= Date.now();
}

/** Permanent: an expired delivery is skipped, never retried. */
export function expiredError(): SendError {
  return new SendError('expired', 'the notification expired before it could be sent');
}

/**
 * Calls the provider only while the notification is still current: checked before every
 * call, since retries and failover may outlast it.
 */
export function unlessExpired<R>(expiresAt: Date | null, call: () => Promise<R>): Promise<R> {
  return isExpired(expiresAt) ? Promise.reject(expiredError()) : call();
}

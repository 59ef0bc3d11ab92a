import { setTimeout as sleep } from 'node:timers/promises';
import { SendError, toSendError } from './send-error.js';
import type { FailoverPolicy } from '../config/settings.js';

export type FailoverOutcome<T, R> =
  | { readonly ok: true; readonly transport: T; readonly result: R; readonly attempts: number }
  | { readonly ok: false; readonly transport: T | undefined; readonly error: SendError; readonly attempts: number };

/**
 * Tries the transports in order. A retryable error retries the same transport (with backoff)
 * up to `attemptsPerBackend` calls; an unreachable provider or rejected credentials moves
 * to the next one at once; a permanent error stops everything. When every transport is
 * used up, the outcome carries the last error (retryable: the queue tries again later).
 */
export async function sendWithFailover<T, R>(
  transports: readonly T[],
  send: (transport: T) => Promise<R>,
  policy: FailoverPolicy,
  signal: AbortSignal,
): Promise<FailoverOutcome<T, R>> {
  let attempts = 0;
  let last: { transport: T | undefined; error: SendError } = {
    transport: undefined,
    error: new SendError('no_backend', 'no backend is configured for this channel'),
  };
  for (const transport of transports) {
    for (let call = 0; call < policy.attemptsPerBackend; call++) {
      if (signal.aborted) return { ok: false, transport, error: toSendError(signal.reason), attempts };
      attempts++;
      try {
        return { ok: true, transport, result: await send(transport), attempts };
      } catch (thrown) {
        const error = toSendError(thrown);
        last = { transport, error };
        if (!error.retryable && !error.failover) return { ok: false, transport, error, attempts };
        if (error.failover) break;
        if (call + 1 < policy.attemptsPerBackend) await pause(policy.retryDelayMs, call, signal);
      }
    }
  }
  return { ok: false, ...last, attempts };
}

/** Exponential backoff with full jitter: a random pause in [0.5, 1] × base × 2^call. */
export function backoffMs(baseMs: number, call: number): number {
  return Math.round(baseMs * 2 ** call * (0.5 + Math.random() / 2));
}

async function pause(baseMs: number, call: number, signal: AbortSignal): Promise<void> {
  await sleep(backoffMs(baseMs, call), undefined, { signal }).catch(() => {});
}

import { setTimeout as sleep } from 'node:timers/promises';
import { SendError, toSendError } from './send-error.js';

/** How hard one job run tries each backend before moving on. */
export interface FailoverPolicy {
  /** Calls to one backend before failing over (network errors, timeouts, 429, 5xx). */
  readonly attemptsPerBackend: number;
  /** First pause between calls to the same backend; doubles each time, with jitter. */
  readonly retryDelayMs: number;
}

export type FailoverOutcome<B, R> =
  | { readonly ok: true; readonly backend: B; readonly result: R; readonly attempts: number }
  | { readonly ok: false; readonly backend: B | undefined; readonly error: SendError; readonly attempts: number };

/**
 * Tries the backends in order. A retryable error retries the same backend (with backoff)
 * up to `attemptsPerBackend` calls; an unreachable backend or rejected credentials moves
 * to the next one at once; a permanent error stops everything. When every backend is
 * used up, the outcome carries the last error (retryable: the queue tries again later).
 */
export async function sendWithFailover<B, R>(backends: readonly B[], send: (backend: B) => Promise<R>, policy: FailoverPolicy, signal: AbortSignal): Promise<FailoverOutcome<B, R>> {
  let attempts = 0;
  let last: { backend: B | undefined; error: SendError } = { backend: undefined, error: new SendError('no_backend', 'no backend is configured for this channel') };
  for (const backend of backends) {
    for (let call = 0; call < policy.attemptsPerBackend; call++) {
      if (signal.aborted) return { ok: false, backend, error: toSendError(signal.reason), attempts };
      attempts++;
      try {
        return { ok: true, backend, result: await send(backend), attempts };
      } catch (thrown) {
        const error = toSendError(thrown);
        last = { backend, error };
        if (!error.retryable && !error.failover) return { ok: false, backend, error, attempts };
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

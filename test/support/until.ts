import { setTimeout as delay } from 'node:timers/promises';

export interface UntilOptions {
  /** Give up after this long; the error names the last value seen. Default 10 s. */
  timeoutMs?: number;
  /** Pause between probes. Default 20 ms. */
  intervalMs?: number;
  /** Says what is awaited, for the error message. */
  what?: string;
}

/**
 * Probes until `done` holds and returns that value: it resolves as soon as the condition is
 * true, so a test never waits longer than the system takes, and fails with the last value
 * seen when the deadline passes. For conditions that no event announces (a database row, a
 * clock-based expiry); where an event exists, await a deferred promise instead.
 */
export async function until<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  options: UntilOptions = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} not reached in ${timeoutMs} ms; last seen: ${JSON.stringify(value)}`);
    await delay(intervalMs);
  }
}

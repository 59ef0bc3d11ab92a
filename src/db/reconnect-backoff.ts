/** How long to wait before each reconnect attempt. */
export interface BackoffPolicy {
  /** Delay before the first attempt, in ms. */
  readonly initialMs: number;
  /** No delay is ever longer than this, in ms. */
  readonly maxMs: number;
}

/** Reconnects start fast (most drops are a restart or a killed backend) and settle at a few seconds. */
export const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 5_000 };

/**
 * The delay before reconnect attempt `attempt` (0-based): exponential, capped, with "full
 * jitter" in the upper half (between half and all of the capped value), so the processes
 * of a fleet that lost the database together do not come back in lock step, and the
 * server is never left unprobed for longer than `maxMs`.
 */
export function reconnectDelay(
  attempt: number,
  policy: BackoffPolicy = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): number {
  const capped = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(capped / 2 + (capped / 2) * random());
}

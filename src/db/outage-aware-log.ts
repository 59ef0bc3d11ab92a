import type { Logger } from '../logger.js';
import { isDatabaseUnavailable } from './connection-errors.js';

/** While the database stays unreachable, the same warning is repeated at most this often. */
const REPEAT_MS = 60_000;

/**
 * Logs errors of a component that retries on its own (pollers, background loops): other
 * errors in full, each time; "database unreachable" once when it starts, then at most once
 * a minute with how many were left out, instead of once per attempt. A poller that fails
 * every second per queue during an outage would otherwise bury the log.
 */
export class OutageAwareLog {
  private lastWarnedAt = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    /** The warning logged when the database becomes unreachable. */
    private readonly unavailableMessage: string,
    private readonly now: () => number = Date.now,
  ) {}

  report(error: unknown, message: string): void {
    if (!isDatabaseUnavailable(error)) {
      this.logger.error({ err: error }, message);
      return;
    }
    if (this.now() - this.lastWarnedAt < REPEAT_MS) {
      this.suppressed++;
      return;
    }
    this.logger.warn(
      { err: error, ...(this.suppressed ? { suppressed: this.suppressed } : {}) },
      this.unavailableMessage,
    );
    this.lastWarnedAt = this.now();
    this.suppressed = 0;
  }
}

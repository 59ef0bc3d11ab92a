import { createHmac } from 'node:crypto';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal.js';
import type { DatabaseConfig } from '../config/settings.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from '../shared/errors.js';
import type { RateLimitSettings } from '../config/settings.js';

/**
 * Whose budget an operation is drawn from. `id` is a keyed fingerprint (HMAC-SHA-256 under
 * SECRET_KEY), never the API key, the token or the user id itself: it ends up in a database
 * table, where a plain hash of a weak API key could be guessed offline.
 */
export interface RateLimitSubject {
  readonly kind: Principal['kind'];
  readonly id: string;
}

/** The table the PostgreSQL store counts in; created by a migration (Migration20261123193000_rate_limits). */
export const RATE_LIMIT_TABLE = 'rate_limits';

const WINDOW_SECONDS = 60;
/** How often, at most, the fallback to in-memory counting is logged while the database is unreachable. */
const FALLBACK_WARNING_INTERVAL_MS = 30_000;

/** One caller kind's limit: the shared counter (PostgreSQL) if any, and this process's own count. */
interface Limit {
  readonly perMinute: number;
  readonly shared?: RateLimiterPostgres;
  /**
   * Counts every operation this process sees, whatever the shared store says, so that when
   * the store fails it can take over with what this process already served in the window
   * (rate-limiter-flexible's insuranceLimiter only starts counting once the store fails, which
   * would hand each process a fresh budget at every hiccup).
   */
  readonly local: RateLimiterMemory;
}

/**
 * Per-caller operation limits (fixed one-minute windows), one unit per HTTP request or
 * WebSocket subscribe message. On PostgreSQL the counters live in the `rate_limits` table, so
 * every process sharing the database shares the limit; on embedded PGlite (one process) they
 * live in memory.
 */
export class OperationLimiter {
  private warnedAt = 0;

  private constructor(
    private readonly limits: Partial<Record<Principal['kind'], Limit>>,
    private readonly logger: Logger,
    private readonly fingerprintKey: Buffer,
    private readonly pool?: pg.Pool,
  ) {}

  /**
   * A limiter for `settings`. With PostgreSQL it opens a small pool of its own (lazily). If the
   * database cannot answer in time, the operation is counted against this process's own count
   * instead, and a warning is logged: an outage neither fails requests because of the limiter
   * nor lets them through uncounted (each process then allows at most the limit by itself).
   */
  static create(
    settings: RateLimitSettings,
    database: DatabaseConfig,
    fingerprintKey: Buffer,
    logger: Logger,
  ): OperationLimiter {
    const enabled = settings.servicePerMinute > 0 || settings.userPerMinute > 0;
    const pool =
      enabled && database.kind === 'postgres'
        ? new pg.Pool({
            connectionString: database.url,
            max: 8,
            idleTimeoutMillis: 10_000,
            connectionTimeoutMillis: 10_000,
            query_timeout: 5_000,
          })
        : undefined;
    // An idle connection that PostgreSQL drops would otherwise be an unhandled 'error' event.
    pool?.on('error', (error) => logger.warn({ err: error }, 'rate limit store: idle connection lost'));
    const build = (kind: Principal['kind'], perMinute: number): Limit | undefined => {
      if (perMinute <= 0) return undefined;
      const options = { keyPrefix: kind, points: perMinute, duration: WINDOW_SECONDS };
      const shared = pool
        ? new RateLimiterPostgres({
            ...options,
            storeClient: pool,
            storeType: 'pool',
            tableName: RATE_LIMIT_TABLE,
            tableCreated: true,
            // Once a caller is out of budget, refuse it from memory until the window ends: a flood costs no writes.
            inMemoryBlockOnConsumed: perMinute,
            clearExpiredByTimeout: kind === 'user',
          })
        : undefined;
      return { perMinute, shared, local: new RateLimiterMemory(options) };
    };
    return new OperationLimiter(
      { service: build('service', settings.servicePerMinute), user: build('user', settings.userPerMinute) },
      logger,
      fingerprintKey,
      pool,
    );
  }

  /**
   * The budget of `principal`, authenticated from `authorization` (`"ApiKey <key>"` or
   * `"Bearer <token>"`). The same in every process that shares SECRET_KEY.
   */
  subjectOf(principal: Principal, authorization: string): RateLimitSubject {
    // Per user, not per token: a fresh token must not reset the count.
    const identity = principal.kind === 'user' ? principal.userId : (authorization.trim().split(/\s+/)[1] ?? '');
    return {
      kind: principal.kind,
      id: createHmac('sha256', this.fingerprintKey)
        .update(`${principal.kind}\u0000${identity}`)
        .digest('hex')
        .slice(0, 32),
    };
  }

  /** Takes one operation from `subject`'s budget; throws RATE_LIMITED (with the seconds to wait) when none is left. */
  async consume(subject: RateLimitSubject): Promise<void> {
    const limit = this.limits[subject.kind];
    if (!limit) return;
    const local = limit.local.consume(subject.id).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    let refusal = limit.shared
      ? await limit.shared.consume(subject.id).then(
          () => undefined,
          (rejection: unknown) => rejection,
        )
      : await local;
    if (refusal !== undefined && !(refusal instanceof RateLimiterRes)) {
      this.warnStoreUnreachable(refusal);
      refusal = await local;
    }
    if (refusal === undefined) return;
    if (!(refusal instanceof RateLimiterRes))
      throw refusal instanceof Error ? refusal : new Error('rate-limit store failed', { cause: refusal });
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    const who = subject.kind === 'user' ? 'this user' : 'this API key';
    throw new RateLimitedError(
      `Rate limit exceeded: ${who} may run ${limit.perMinute} operations per minute; retry in ${seconds} s`,
      seconds,
    );
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }

  private warnStoreUnreachable(error: unknown): void {
    if (Date.now() - this.warnedAt < FALLBACK_WARNING_INTERVAL_MS) return;
    this.warnedAt = Date.now();
    this.logger.warn(
      { err: error },
      'rate limit store unreachable: counting in this process only until PostgreSQL answers',
    );
  }
}

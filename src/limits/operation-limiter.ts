import { createHash } from 'node:crypto';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal.js';
import type { DatabaseConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from '../shared/errors.js';

/** Operations per minute each caller may run; 0 turns a limit off. */
export interface RateLimitSettings {
  /** Per API key (`RATE_LIMIT_SERVICE_PER_MINUTE`). */
  readonly servicePerMinute: number;
  /** Per user, i.e. per JWT `sub` whatever the token (`RATE_LIMIT_USER_PER_MINUTE`). */
  readonly userPerMinute: number;
}

/**
 * Whose budget an operation is drawn from. `id` is a SHA-256 fingerprint, never the API key,
 * the token or the user id itself: it ends up in a database table.
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

/** The budget of `principal`, authenticated from `authorization` (`"ApiKey <key>"` or `"Bearer <token>"`). */
export function subjectOf(principal: Principal, authorization: string): RateLimitSubject {
  // Per user, not per token: a fresh token must not reset the count.
  const identity = principal.kind === 'user' ? principal.userId : (authorization.trim().split(/\s+/)[1] ?? '');
  return { kind: principal.kind, id: createHash('sha256').update(identity).digest('hex').slice(0, 32) };
}

/**
 * Per-caller operation limits (fixed one-minute windows), one unit per HTTP request or
 * WebSocket subscribe message. On PostgreSQL the counters live in the `rate_limits` table, so
 * every process sharing the database shares the limit; on embedded PGlite (one process) they
 * live in memory.
 */
export class OperationLimiter {
  private constructor(
    private readonly limiters: Partial<Record<Principal['kind'], { limiter: RateLimiterAbstract; perMinute: number }>>,
    private readonly pool?: pg.Pool,
  ) {}

  /**
   * A limiter for `settings`. With PostgreSQL it opens a small pool of its own; if the database
   * cannot be reached, counting goes on in this process's memory (the library's insurance
   * limiter, same limits per process) and a warning is logged: an outage never fails requests
   * because of the limiter, nor lets them through uncounted.
   */
  static create(settings: RateLimitSettings, database: DatabaseConfig, logger: Logger): OperationLimiter {
    const enabled = settings.servicePerMinute > 0 || settings.userPerMinute > 0;
    const pool = enabled && database.kind === 'postgres'
      ? new pg.Pool({ connectionString: database.url, max: 4, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 1_000, query_timeout: 1_000 })
      : undefined;
    // An idle connection that PostgreSQL drops would otherwise be an unhandled 'error' event.
    pool?.on('error', (error) => logger.warn({ err: error }, 'rate limit store: idle connection lost'));
    let warnedAt = 0;
    const warn = () => {
      if (Date.now() - warnedAt < FALLBACK_WARNING_INTERVAL_MS) return;
      warnedAt = Date.now();
      logger.warn('rate limit store unreachable: counting in this process only until PostgreSQL answers');
    };
    const build = (kind: Principal['kind'], perMinute: number) => {
      if (perMinute <= 0) return undefined;
      const options = { keyPrefix: kind, points: perMinute, duration: WINDOW_SECONDS };
      const limiter = pool
        ? new RateLimiterPostgres({
            ...options,
            storeClient: pool,
            storeType: 'pool',
            tableName: RATE_LIMIT_TABLE,
            tableCreated: true,
            // Once a caller is out of budget, refuse it from memory until the window ends: a flood costs no writes.
            inMemoryBlockOnConsumed: perMinute,
            clearExpiredByTimeout: kind === 'user',
            insuranceLimiter: new WarningMemoryLimiter(options, warn),
          })
        : new RateLimiterMemory(options);
      return { limiter, perMinute };
    };
    return new OperationLimiter({ service: build('service', settings.servicePerMinute), user: build('user', settings.userPerMinute) }, pool);
  }

  /** Takes one operation from `subject`'s budget; throws RATE_LIMITED (with the seconds to wait) when none is left. */
  async consume(subject: RateLimitSubject): Promise<void> {
    const entry = this.limiters[subject.kind];
    if (!entry) return;
    try {
      await entry.limiter.consume(subject.id);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      const who = subject.kind === 'user' ? 'this user' : 'this API key';
      throw new RateLimitedError(`Rate limit exceeded: ${who} may run ${entry.perMinute} operations per minute; retry in ${seconds} s`, seconds);
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}

/** The in-memory stand-in used while PostgreSQL is unreachable; says so in the log. */
class WarningMemoryLimiter extends RateLimiterMemory {
  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], private readonly warn: () => void) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
    this.warn();
    return super.consume(...args);
  }
}

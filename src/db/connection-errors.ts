/**
 * SQLSTATEs meaning "the database cannot serve you right now", not "your statement is wrong":
 * class 08 (connection exception), 53300 too_many_connections, 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, recovering).
 */
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03']);

/** SQLSTATE class 08: connection exception (08000, 08001, 08003, 08006, 08P01 …). */
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

/** Socket-level failures reaching the server (Node's errno codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What `pg` and `pg-pool` say when a connection dies or cannot be had; they set no code.
 * "timeout exceeded when trying to connect" is the pool's connectionTimeoutMillis.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /^timeout exceeded when trying to connect/i,
  /^Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /^sorry, too many clients already/i,
  /^terminating connection due to administrator command/i,
];

/**
 * True when `error` (or anything it wraps, through `cause` / `originalError` / `errors`)
 * says the database is unreachable or refusing connections: the operation may succeed
 * if retried later, and the client should be told "unavailable", not "internal error".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, message, cause, originalError, errors, name } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
      errors?: unknown;
      name?: unknown;
    };
    if (
      typeof code === 'string' &&
      (UNAVAILABLE_SQLSTATES.has(code) || CONNECTION_EXCEPTION.test(code) || NETWORK_CODES.has(code))
    )
      return true;
    // MikroORM's wrapper for failures to connect at all.
    if (name === 'ConnectionException') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    pending.push(cause, originalError);
    if (Array.isArray(errors)) pending.push(...(errors as unknown[])); // AggregateError (e.g. a dual-stack connect)
  }
  return false;
}

/**
 * Which browser origins may call Belfry: the one reading of `ALLOWED_ORIGINS`, shared by
 * CORS on the HTTP routes (cors.ts) and the WebSocket origin check (ws-server.ts).
 */
export interface OriginPolicy {
  /** Whether a page served from `origin` (the request's Origin header) may call Belfry. */
  allows(origin: string): boolean;
  /** What the policy is, for logs and docs: `any`, `list` or `localhost` (development default) or `none`. */
  readonly kind: 'any' | 'list' | 'localhost' | 'none';
}

/** http(s)://localhost, 127.0.0.1 or [::1], any port: the development default. */
const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * The policy from `ALLOWED_ORIGINS` (already split on commas, see load-config.ts):
 * `*` allows every origin; a list allows exactly those origins (compared without a trailing
 * slash, case-insensitively: browsers send scheme and host in lower case); unset allows any
 * localhost origin in development and none in production.
 */
export function originPolicy(allowedOrigins: readonly string[] | undefined, production: boolean): OriginPolicy {
  if (allowedOrigins?.includes('*')) return { kind: 'any', allows: () => true };
  if (allowedOrigins?.length) {
    const allowed = new Set(allowedOrigins.map(normalize));
    return { kind: 'list', allows: (origin) => allowed.has(normalize(origin)) };
  }
  if (!production) return { kind: 'localhost', allows: (origin) => LOCALHOST_ORIGIN.test(origin) };
  return { kind: 'none', allows: () => false };
}

function normalize(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

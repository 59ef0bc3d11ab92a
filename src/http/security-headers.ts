import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response. Everything Belfry serves comes from
 * itself: the pages are built from npm packages into dist/web, and GraphQL runs on the
 * same origin over HTTP and WebSocket (`'self'` covers ws: and wss: on the same host).
 * GraphiQL's editor (Monaco) needs what is allowed beyond that: it injects `<style>`
 * elements, runs its language services in web workers started from blob: URLs, and
 * embeds its icon font as data:.
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  // Nobody may frame Belfry's pages: a framed GraphiQL holding an API key is a clickjacking target.
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
};

/**
 * Security headers for every response, pages and the /graphql JSON alike (helmet): the
 * CSP above, `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options: DENY` for browsers without frame-ancestors, cross-origin isolation of
 * resources (`Cross-Origin-Resource-Policy: same-origin`, so another site's page cannot
 * even load /config.js as a script), and helmet's other defaults. Plain Node
 * `(req, res, next)`, so it runs before both Express and the /graphql handler.
 */
export function securityHeaders(): (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

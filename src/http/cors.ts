import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OriginPolicy } from './origin-policy.js';

/** Methods a cross-origin page may use on the API routes. */
const ALLOW_METHODS = 'GET, POST, OPTIONS';
/**
 * Request headers a cross-origin page may send: credentials travel in `Authorization`
 * (never cookies, so no `Access-Control-Allow-Credentials`), JSON bodies need
 * `Content-Type`, and `apollo-require-preflight` is how clients satisfy Apollo's CSRF check.
 */
const ALLOW_HEADERS = 'authorization, content-type, apollo-require-preflight';
/** How long a browser may reuse a preflight answer (Chromium caps this at 2 hours). */
const MAX_AGE_SECONDS = 600;

/** The routes browsers call from other origins: GraphQL, the REST API and the SDK scripts. */
export function isCorsRoute(path: string | undefined): boolean {
  return path === '/graphql' || path === '/graphql/' || !!path?.startsWith('/api/') || !!path?.startsWith('/sdk/');
}

/**
 * CORS for the API routes (see {@link isCorsRoute}), as plain Node `(req, res)`: returns true
 * when it answered the request itself (a preflight), false when the route should run. A
 * request from an allowed origin gets `Access-Control-Allow-Origin` echoing it; one from
 * any other origin gets no CORS headers, so the browser keeps the response from the page.
 * Every answer carries `Vary: Origin`, since what it holds depends on that header.
 */
export function cors(policy: OriginPolicy): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    appendVary(res, 'Origin');
    const origin = req.headers.origin;
    const allowed = origin !== undefined && policy.allows(origin);
    if (allowed) res.setHeader('access-control-allow-origin', origin);
    const preflight =
      req.method === 'OPTIONS' && origin !== undefined && !!req.headers['access-control-request-method'];
    if (!preflight) return false;
    if (!allowed) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Origin not allowed\n');
      return true;
    }
    res
      .writeHead(204, {
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': String(MAX_AGE_SECONDS),
        'content-length': '0',
      })
      .end();
    return true;
  };
}

function appendVary(res: ServerResponse, header: string): void {
  const current = res.getHeader('vary');
  const values = current === undefined ? [] : String(current).split(/\s*,\s*/);
  if (!values.some((value) => value.toLowerCase() === header.toLowerCase()))
    res.setHeader('vary', [...values, header].join(', '));
}

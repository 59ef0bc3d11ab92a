import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a request for /config.js may be answered with the development credentials
 * (an API key and a user token). A script is readable by any page that includes it with
 * `<script src>`, whatever its origin, so the remote address alone is not enough: a page
 * from another site, or from another port of this machine (http://localhost:5173 is
 * "same-site" with http://localhost:4000, not "same-origin"), runs in a browser on this
 * machine too. All of these must hold:
 *
 * - the connection comes from the loopback address (never across the network);
 * - the Host is a loopback name, so a DNS-rebound name (evil.example resolving to
 *   127.0.0.1) that makes a foreign page "same-origin" gets nothing;
 * - `Sec-Fetch-Site: same-origin`: the browser says the page itself is Belfry's. Every
 *   current browser sends it. Without it no credentials are given: a cross-origin
 *   `<script src>` in an older browser sends neither Sec-Fetch-* nor Origin, and it can
 *   suppress Referer (`referrerpolicy="no-referrer"`), so such a request cannot be told
 *   from a same-origin one. Those browsers get the pages signed out (the bell asks for a
 *   token); non-browser clients have the printed credentials and DATA_DIR's file;
 * - an Origin or Referer, when present, names this same host.
 */
export function mayReceiveDevCredentials(req: IncomingMessage): boolean {
  if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '')) return false;
  const host = req.headers.host?.toLowerCase();
  if (!host || !isLoopbackHost(host)) return false;
  if (req.headers['sec-fetch-site'] !== 'same-origin') return false;
  for (const header of [req.headers.origin, req.headers.referer]) {
    if (header !== undefined && hostOf(header) !== host) return false;
  }
  return true;
}

/**
 * Serves /config.js: `window.BELFRY` with `pageConfig` (in development, credentials to start
 * with) to the pages themselves, and an empty one to anyone else (see mayReceiveDevCredentials).
 */
export function pageConfigScript(
  pageConfig: Record<string, unknown>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const full = `window.BELFRY = ${JSON.stringify(pageConfig).replace(/</g, '\\u003c')};\n`;
  const empty = 'window.BELFRY = {};\n';
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(mayReceiveDevCredentials(req) ? full : empty);
  };
}

/** `host[:port]` of an absolute URL, lower case; undefined for anything else (`null` origins included). */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1';
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import ipaddr from 'ipaddr.js';
import type { BelfryMetrics } from './belfry-metrics.js';

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback as a dual-stack socket reports it. */
function isLoopback(address: string | undefined): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'loopback';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request may read /metrics: the Bearer token when one is configured, else a loopback connection. */
export function mayReadMetrics(req: IncomingMessage, token: string | undefined): boolean {
  if (token) {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    // Equal-length digests: the comparison takes the same time whatever the guess.
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
  }
  // The socket's own address: X-Forwarded-For is the client's to write.
  return isLoopback(req.socket.remoteAddress);
}

/**
 * GET /metrics in Prometheus' text format. With METRICS_TOKEN set, only `Authorization:
 * Bearer <token>` reads it (401 otherwise); without it, only loopback clients (403 otherwise),
 * so a scrape from elsewhere needs the token.
 */
export function metricsRoute(
  metrics: BelfryMetrics,
  token: string | undefined,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!mayReadMetrics(req, token)) {
      const status = token ? 401 : 403;
      res.writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        ...(token ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
      });
      res.end(
        token
          ? 'A valid METRICS_TOKEN bearer token is required\n'
          : 'Metrics are served to loopback clients only; set METRICS_TOKEN to scrape from elsewhere\n',
      );
      return;
    }
    metrics.exposition().then(
      ({ contentType, text }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`metrics collection failed: ${(error as Error).message}\n`);
      },
    );
  };
}

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { assertPublicLiteral, publicOnlyLookup } from '../net/public-address.js';

/** What the endpoint answered: its status and the start of its body. */
export interface WebhookResponse {
  readonly status: number;
  readonly excerpt: string;
}

const EXCERPT_CHARS = 1_000;

/**
 * POSTs one webhook. Public addresses only (unless `allowPrivate`): an IP literal is checked
 * before connecting, a name is resolved once and the socket gets exactly the addresses that
 * were checked (no DNS rebinding). Redirects are not followed (a 3xx is a failed attempt), the
 * call gives up after `timeoutMs`, and at most the first 1,000 characters of the answer are read.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<WebhookResponse> {
  const target = new URL(url);
  if (!options.allowPrivate) assertPublicLiteral(target.hostname);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: options.timeoutMs,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
      },
      (res) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          excerpt += chunk;
          if (excerpt.length >= EXCERPT_CHARS) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, excerpt: excerpt.slice(0, EXCERPT_CHARS) });
        res.on('end', done);
        res.on('close', done);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer in ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}

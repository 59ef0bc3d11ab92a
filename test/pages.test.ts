import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../src/auth/dev-credentials.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

// Development mode (no credentials configured): the pages are served and start signed in.
let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry({ apiKeys: [], jwt: {} });
});
afterAll(() => belfry?.stop());

/** GET with exactly these headers (Host included, which fetch would not let a test set). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(path, belfry.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host: url.host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/config.js', () => {
  const hasKey = (body: string) => body.includes(belfry.app.devCredentials!.apiKey);

  it('hands the development credentials to the pages themselves (Sec-Fetch-Site: same-origin)', async () => {
    const response = await get('/config.js', { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'script' });
    expect(response.status).toBe(200);
    expect(hasKey(response.body)).toBe(true);
    expect(response.body).toContain('"userToken"');
    expect(response.headers['cache-control']).toBe('no-store');
    // Under localhost as under 127.0.0.1, with an Origin or Referer naming this same host.
    const port = new URL(belfry.url).port;
    expect(
      hasKey(
        (
          await get('/config.js', {
            host: `localhost:${port}`,
            'sec-fetch-site': 'same-origin',
            referer: `http://localhost:${port}/`,
          })
        ).body,
      ),
    ).toBe(true);
    expect(hasKey((await get('/config.js', { 'sec-fetch-site': 'same-origin', origin: belfry.url })).body)).toBe(true);
  });

  it.each([
    ['a page on another port of this machine (same-site)', { 'sec-fetch-site': 'same-site' }],
    ['a page of another site', { 'sec-fetch-site': 'cross-site' }],
    ['a request without Sec-Fetch-Site (an old browser, or a script that stripped the Referer)', {}],
    ['a typed-in address (Sec-Fetch-Site: none)', { 'sec-fetch-site': 'none' }],
    ['a same-origin claim with a foreign Origin', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:5173' }],
    [
      'a same-origin claim with a foreign Referer',
      { 'sec-fetch-site': 'same-origin', referer: 'http://127.0.0.1:5173/app' },
    ],
    [
      'a DNS-rebound name (Host is not a loopback name)',
      { 'sec-fetch-site': 'same-origin', host: 'rebind.evil.example:4000' },
    ],
  ])('gives no credentials to %s', async (_case, headers: Record<string, string>) => {
    const response = await get('/config.js', headers);
    expect(response.status).toBe(200);
    expect(response.body).toBe('window.BELFRY = {};\n');
  });
});

describe('security headers', () => {
  it.each(['/', '/graphiql/', '/config.js', '/healthz', '/readyz', '/no-such-page'])('are on %s', async (path) => {
    const response = await get(path);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('are on the JSON answers of /graphql, errors included', async () => {
    const apiKey = belfry.app.devCredentials!.apiKey;
    for (const [init, status] of [
      [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `ApiKey ${apiKey}` },
          body: JSON.stringify({ query: '{ notificationCount(userId: "x") }' }),
        },
        200,
      ],
      [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ notificationCount }' }),
        },
        401,
      ],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' }, 400],
    ] as const) {
      const response = await fetch(`${belfry.url}/graphql`, init);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('introspection in development', () => {
  it('is open to user tokens (GraphiQL needs it), suggestions included', async () => {
    const user = belfry.as(`Bearer ${await signUserToken(belfry.app.devCredentials!.jwtSecret, 'dev-user')}`);
    expect((await user(`{ __schema { queryType { name } } }`)).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    expect((await user(`{ notifications { nodes { titel } } }`)).errors?.[0]?.message).toMatch(
      /Did you mean "title"\?/,
    );
  });
});

import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';

const CHROMIUM = '/usr/bin/chromium';
const APP = 'http://app.example:8080';
const QUERY = '{ notificationCount }';

function preflight(url: string, origin: string, method = 'POST'): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization,content-type',
    },
  });
}

/** The HTTP status of a WebSocket upgrade from `origin` (101 when it opened; closed at once). */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { origin });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    socket.on('error', reject);
  });
}

function post(url: string, origin: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', authorization: `ApiKey ${API_KEY}` },
    body: JSON.stringify({ query: '{ events { id } }' }),
  });
}

describe('CORS with ALLOWED_ORIGINS set to a list', () => {
  let belfry: TestBelfry;
  beforeAll(async () => {
    belfry = await startTestBelfry({}, { ALLOWED_ORIGINS: `${APP}, https://other.example/` });
  });
  afterAll(() => belfry?.stop());

  it('answers a preflight from an allowed origin with 204 and the CORS headers', async () => {
    const response = await preflight(belfry.url, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, apollo-require-preflight',
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    // Tokens travel in headers, never cookies.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    // A listed origin written with a trailing slash still matches.
    expect((await preflight(belfry.url, 'https://other.example')).headers.get('access-control-allow-origin')).toBe(
      'https://other.example',
    );
  });

  it('marks actual responses to an allowed origin, keeping Apollo’s Vary', async () => {
    const response = await post(belfry.url, APP);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(((await response.json()) as { data: { events: unknown[] } }).data.events.length).toBeGreaterThan(0);
  });

  it('gives a disallowed origin no CORS headers, on the preflight and the request', async () => {
    const refused = await preflight(belfry.url, 'https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    const answered = await post(belfry.url, 'https://evil.example');
    expect(answered.headers.get('access-control-allow-origin')).toBeNull();
    // localhost is no exception once a list is set.
    expect(
      (await preflight(belfry.url, 'http://localhost:5173')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('keeps CSRF prevention on, and counts an Authorization header as preflighted', async () => {
    const url = `${belfry.url}/graphql?query=${encodeURIComponent(QUERY)}`;
    // A bare GET (what a cross-site <img> or link could send) is refused…
    const bare = await fetch(url);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(/Cross-Site Request Forgery/);
    // …one with credentials in Authorization (which a browser only sends cross-origin after a preflight) runs.
    const user = await fetch(url, { headers: { authorization: `Bearer ${await belfry.tokenFor('csrf-user')}` } });
    expect(user.status).toBe(200);
    expect(await user.json()).toEqual({ data: { notificationCount: 0 } });
  });

  it('the WebSocket check reads the same list', async () => {
    expect(await upgradeStatus(belfry.wsUrl, APP)).toBe(101);
    expect(await upgradeStatus(belfry.wsUrl, 'https://evil.example')).toBe(403);
  });
});

describe('CORS with ALLOWED_ORIGINS=*', () => {
  let belfry: TestBelfry;
  beforeAll(async () => {
    belfry = await startTestBelfry({}, { ALLOWED_ORIGINS: '*' });
  });
  afterAll(() => belfry?.stop());

  it('echoes any origin, without credentials', async () => {
    for (const origin of ['https://anything.example', 'http://localhost:3000']) {
      const response = await preflight(belfry.url, origin, 'GET');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('CORS in development without ALLOWED_ORIGINS', () => {
  let belfry: TestBelfry;
  beforeAll(async () => {
    belfry = await startTestBelfry();
  });
  afterAll(() => belfry?.stop());

  it.each(['http://localhost:5173', 'https://localhost', 'http://127.0.0.1:8080', 'http://[::1]:3000'])(
    'allows the local origin %s',
    async (origin) => {
      const response = await preflight(belfry.url, origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    },
  );

  it.each(['https://evil.example', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example:80'])(
    'refuses %s',
    async (origin) => {
      expect((await preflight(belfry.url, origin)).headers.get('access-control-allow-origin')).toBeNull();
    },
  );
});

// The browser is the same on either database: run it once, on PGlite.
describe.skipIf(testEngine !== 'pglite')('a page on another origin in headless Chromium', () => {
  let belfry: TestBelfry;
  let browser: Browser;
  const servers: Server[] = [];

  /** A page on its own origin that queries Belfry with fetch and puts the outcome in its title. */
  async function appServer(): Promise<string> {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  let allowedOrigin: string;
  let otherOrigin: string;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    allowedOrigin = await appServer();
    otherOrigin = await appServer();
    belfry = await startTestBelfry({}, { ALLOWED_ORIGINS: allowedOrigin });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await belfry?.stop();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function queryFrom(origin: string, method: 'GET' | 'POST'): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      const token = await belfry.tokenFor('browser-user');
      return await page.evaluate(
        async ({ url, token, method, query }) => {
          try {
            const headers: Record<string, string> = { authorization: `Bearer ${token}` };
            const response =
              method === 'GET'
                ? await fetch(`${url}/graphql?query=${encodeURIComponent(query)}`, { headers })
                : await fetch(`${url}/graphql`, {
                    method,
                    headers: { ...headers, 'content-type': 'application/json' },
                    body: JSON.stringify({ query }),
                  });
            return `${response.status} ${await response.text()}`;
          } catch (error) {
            return `blocked: ${(error as Error).name}`;
          }
        },
        { url: belfry.url, token, method, query: QUERY },
      );
    } finally {
      await page.close();
    }
  }

  it('runs POST and GET queries from the allowed origin (preflighted by the browser)', async () => {
    expect(await queryFrom(allowedOrigin, 'POST')).toBe('200 {"data":{"notificationCount":0}}\n');
    expect(await queryFrom(allowedOrigin, 'GET')).toBe('200 {"data":{"notificationCount":0}}\n');
  });

  it('keeps the answer from a page on any other origin', async () => {
    expect(await queryFrom(otherOrigin, 'POST')).toBe('blocked: TypeError');
    expect(await queryFrom(otherOrigin, 'GET')).toBe('blocked: TypeError');
  });
});

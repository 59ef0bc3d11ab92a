import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine, withAdmin } from './support/database.js';

const COUNT = `{ notificationCount }`;
const SERVICE_COUNT = `{ notificationCount(userId: "someone") }`;

/** POSTs one operation and keeps what a client of the limits looks at. */
async function post(url: string, authorization: string, query: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    errors?: { message: string; extensions?: { code?: string; retryAfter?: number } }[];
  };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code,
    body,
  };
}

/** Runs one operation over an open graphql-ws client; resolves with its errors (empty when it succeeded). */
function overSocket(client: Client, query: string): Promise<{ extensions?: { code?: string } }[]> {
  return new Promise((resolve) => {
    client.subscribe(
      { query },
      {
        next: () => {},
        error: (error) => resolve(Array.isArray(error) ? error : [{ extensions: { code: String(error) } }]),
        complete: () => resolve([]),
      },
    );
  });
}

/** Opens a raw graphql-ws socket; resolves with the HTTP status of a refused upgrade, or the open socket. */
function openSocket(wsUrl: string): Promise<{ socket?: WebSocket; refusedWith?: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refusedWith: response.statusCode });
      response.resume();
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** The server counts a close when its side of the TCP connection ends, a moment after the client's: retry briefly. */
async function openWhenAdmitted(wsUrl: string) {
  let opened = await openSocket(wsUrl);
  for (let attempt = 0; opened.refusedWith === 429 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    opened = await openSocket(wsUrl);
  }
  return opened;
}

describe('rate limits', () => {
  // One instance for every case (each uses users of its own): starting one costs seconds.
  let belfry: TestBelfry;
  beforeAll(async () => {
    belfry = await startTestBelfry(
      {},
      { RATE_LIMIT_USER_PER_MINUTE: '5', RATE_LIMIT_SERVICE_PER_MINUTE: '4', WS_MAX_CONNECTIONS_PER_IP: '2' },
    );
  });
  afterAll(async () => {
    await belfry?.stop();
  });

  it('answers a user token over its limit with 429, Retry-After and RATE_LIMITED, one unit per operation', async () => {
    const token = await belfry.tokenFor('burst-user');
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await post(belfry.url, `Bearer ${token}`, COUNT));

    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    for (const refused of results.slice(5)) {
      expect(refused.code).toBe('RATE_LIMITED');
      const seconds = Number(refused.retryAfter);
      expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
      expect(refused.body.errors?.[0]?.extensions?.retryAfter).toBe(seconds);
    }
    // Another user has a budget of their own.
    expect((await post(belfry.url, `Bearer ${await belfry.tokenFor('other-user')}`, COUNT)).status).toBe(200);
    // A new token for the same user does not reset the count: the limit follows the user.
    expect((await post(belfry.url, `Bearer ${await belfry.tokenFor('burst-user', '2h')}`, COUNT)).status).toBe(429);
  });

  it('limits API keys separately from users, with their own setting', async () => {
    const token = await belfry.tokenFor('limited-user');
    const user = [];
    for (let i = 0; i < 6; i++) user.push((await post(belfry.url, `Bearer ${token}`, COUNT)).status);
    expect(user).toEqual([200, 200, 200, 200, 200, 429]);

    const service = [];
    for (let i = 0; i < 6; i++) service.push(await post(belfry.url, `ApiKey ${API_KEY}`, SERVICE_COUNT));
    expect(service.map((result) => result.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(service[4]?.code).toBe('RATE_LIMITED');
  });

  it('refuses WebSocket operations over the limit with RATE_LIMITED and keeps the socket open', async () => {
    const closes: number[] = [];
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('socket-user')}`, {
      onClose: (event) => closes.push(event.code),
    });
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await overSocket(client, COUNT))[0]?.extensions?.code ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    // A subscription is an operation too.
    expect((await overSocket(client, `subscription { notificationAdded { id } }`))[0]?.extensions?.code).toBe(
      'RATE_LIMITED',
    );
    // HTTP and WebSocket draw on one budget per user.
    expect((await post(belfry.url, `Bearer ${await belfry.tokenFor('socket-user')}`, COUNT)).status).toBe(429);
    expect(closes).toEqual([]);
    await client.dispose();
  });

  it('refuses a socket over the per-address cap at the upgrade with 429, and admits again when one closes', async () => {
    // The previous case's socket may still be closing on the server's side.
    const first = await openWhenAdmitted(belfry.wsUrl);
    const second = await openWhenAdmitted(belfry.wsUrl);
    expect(first.socket && second.socket).toBeTruthy();
    const third = await openSocket(belfry.wsUrl);
    expect(third.refusedWith).toBe(429);

    await new Promise<void>((resolve) => {
      first.socket!.once('close', () => resolve());
      first.socket!.close();
    });
    const fourth = await openWhenAdmitted(belfry.wsUrl);
    expect(fourth.socket).toBeTruthy();
    second.socket!.close();
    fourth.socket!.close();
  });
});

// The shared store is PostgreSQL: embedded PGlite is one process, its limits live in memory.
describe.skipIf(testEngine !== 'postgres')('rate limits across processes on one PostgreSQL', () => {
  let first: TestBelfry;
  let second: TestBelfry;
  const env = { RATE_LIMIT_USER_PER_MINUTE: '5', RATE_LIMIT_SERVICE_PER_MINUTE: '5' };

  beforeAll(async () => {
    first = await startTestBelfry({}, env);
    second = await startTestBelfry({ database: first.databaseConfig }, env);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('shares one limit between two instances on the same database, keyed without the raw credential', async () => {
    const token = await first.tokenFor('shared-user');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(first.url, `Bearer ${token}`, COUNT)).status);
    for (let i = 0; i < 3; i++) statuses.push((await post(second.url, `Bearer ${token}`, COUNT)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await post(second.url, `ApiKey ${API_KEY}`, SERVICE_COUNT);

    const url = first.databaseConfig.kind === 'postgres' ? first.databaseConfig.url : '';
    const keys = await withAdmin(url, async (client) =>
      (await client.query<{ key: string }>('select key from rate_limits')).rows.map((row) => row.key),
    );
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).not.toContain(API_KEY);
      expect(key).not.toContain('shared-user');
      expect(key).not.toContain(token);
    }
  });

  it('keeps serving and counting in memory when the shared store fails, and says so in the log', async () => {
    const url = first.databaseConfig.kind === 'postgres' ? first.databaseConfig.url : '';
    const token = await first.tokenFor('outage-user');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(first.url, `Bearer ${token}`, COUNT)).status);
    // A store that errors on every query, without touching the shared server.
    await withAdmin(url, (client) => client.query('alter table rate_limits rename to rate_limits_away'));
    try {
      for (let i = 0; i < 4; i++) statuses.push((await post(first.url, `Bearer ${token}`, COUNT)).status);
      // The process goes on from what it had already served in this window: no fresh budget.
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(first.logs.some((entry) => entry.level === 40 && /rate limit store unreachable/.test(entry.msg))).toBe(
        true,
      );
    } finally {
      await withAdmin(url, (client) => client.query('alter table rate_limits_away rename to rate_limits'));
    }
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { subscribe } from './support/live.js';
import { graphQLBody } from './support/graphql-body.js';
import { builtEntry, serverEnv, startServer } from './support/process.js';

describe('the built server, started as `npm start` starts it', () => {
  let dataDir: string;
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(builtEntry))
      throw new Error('dist/main.js is missing: run `npm run build` (npm test does it first)');
    dataDir = mkdtempSync(join(tmpdir(), 'belfry-process-'));
    database = await createTestDatabase();
    env = { ...serverEnv(dataDir, database), HOST: '0.0.0.0' };
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots with a fresh data dir, serves the API and live events, and stops cleanly on SIGTERM', async () => {
    const server = await startServer(env);
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      // The pages' development credentials are served to this machine's own pages only (see test/pages.test.ts).
      const ownPage = { headers: { 'sec-fetch-site': 'same-origin' } };
      expect(await (await fetch(`${server.url}/config.js`, ownPage)).text()).toContain(server.apiKey);
      const lanAddress = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
      if (lanAddress) {
        const remote = await (await fetch(server.url.replace('127.0.0.1', lanAddress) + '/config.js', ownPage)).text();
        expect(remote).toBe('window.BELFRY = {};\n');
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      const ws = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { Authorization: `Bearer ${server.userToken}` },
        retryAttempts: 0,
      });
      const closed = new Promise<number>((resolve) =>
        ws.on('closed', (event) => resolve((event as { code: number }).code)),
      );
      const connected = new Promise((resolve) => ws.on('connected', resolve));
      const added = subscribe(ws, `subscription { notificationAdded { title } }`);
      await connected;

      const send = async () => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `ApiKey ${server.apiKey}` },
          body: JSON.stringify({
            query: `mutation { sendNotification(input: { userId: "demo-user", title: "from a process", message: "hello" }) { id } }`,
          }),
        });
        return graphQLBody(response);
      };
      // The subscription is set up on the server shortly after `connected`; resend until the first event arrives.
      let first = added.next(200).catch(() => null);
      let sends = 0;
      let event = null;
      while (!event && sends < 25) {
        const sent = await send();
        expect(sent.errors).toBeUndefined();
        sends++;
        event = await first;
        if (!event) first = added.next(200).catch(() => null);
      }
      expect(event?.data).toEqual({ notificationAdded: { title: 'from a process' } });

      const list = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.userToken}` },
        body: JSON.stringify({ query: `{ notificationCount(unreadOnly: true) }` }),
      });
      expect((await graphQLBody(list)).data?.notificationCount).toBe(sends);

      const stopAt = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(Date.now() - stopAt).toBeLessThan(10_000);
      expect(await closed).toBe(1001);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 90_000);

  it('keeps its data and development credentials across restarts', async () => {
    const server = await startServer(env);
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `ApiKey ${server.apiKey}` },
        body: JSON.stringify({ query: `{ notificationCount(userId: "demo-user") }` }),
      });
      expect((await graphQLBody(response)).data?.notificationCount).toBeGreaterThan(0);
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 90_000);
});

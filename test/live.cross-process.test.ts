import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, JWT_SECRET, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine, withAdmin } from './support/database.js';
import { subscribe, untilSubscriptions } from './support/live.js';
import { gqlTo, serverEnv, startServer, type Started } from './support/process.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;

// Embedded PGlite is one process by nature; the cross-process bus is PostgreSQL's LISTEN/NOTIFY.
describe.skipIf(testEngine !== 'postgres')('live events across processes on one PostgreSQL', () => {
  let first: TestBelfry;
  let second: Started;
  let dataDir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    first = await startTestBelfry();
    databaseUrl = first.databaseConfig.kind === 'postgres' ? first.databaseConfig.url : '';
    dataDir = mkdtempSync(join(tmpdir(), 'belfry-second-'));
    second = await startServer(
      {
        ...serverEnv(dataDir, { config: { kind: 'postgres', url: databaseUrl }, drop: async () => {} }),
        API_KEYS: API_KEY,
        JWT_SECRET,
      },
      { configuredCredentials: true },
    );
  });
  afterAll(async () => {
    second?.child.kill('SIGTERM');
    await second?.exited;
    await first?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function wsTo(url: string, authorization: string) {
    return createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: authorization },
      retryAttempts: 0,
    });
  }

  async function untilRemoteSubscribed(client: ReturnType<typeof wsTo>, query: string) {
    // The second process is another OS process: wait for its subscription by sending until an event arrives.
    const live = subscribe(client, query);
    await new Promise((resolve) => client.on('connected', resolve));
    return live;
  }

  it('delivers a notification sent through one process to a subscriber on another', async () => {
    const client = wsTo(second.url, `Bearer ${await first.tokenFor('roamer')}`);
    const added = await untilRemoteSubscribed(client, `subscription { notificationAdded { title userId } }`);
    let event = null;
    for (let i = 0; i < 50 && !event; i++) {
      await first.service(SEND, { i: { userId: 'roamer', title: `hello ${i}`, message: 'via NOTIFY' } });
      event = await added.next(200).catch(() => null);
    }
    expect(event?.data?.notificationAdded).toMatchObject({
      userId: 'roamer',
      title: expect.stringMatching(/^hello \d+$/),
    });
    await client.dispose();
  });

  it('forwards events the other way, counts included', async () => {
    const client = first.ws(`Bearer ${await first.tokenFor('homebody')}`);
    const counts = subscribe(client, `subscription { unreadCountChanged { count } }`);
    const added = subscribe(client, `subscription { notificationAdded { title } }`);
    await untilSubscriptions(first.app, 2);
    const sent = await gqlTo(second.url, `ApiKey ${API_KEY}`, SEND, {
      i: { userId: 'homebody', title: 'from the second process', message: 'm' },
    });
    expect(sent.errors).toBeUndefined();
    expect((await added.next()).data).toEqual({ notificationAdded: { title: 'from the second process' } });
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { count: 1 } });
    counts.stop();
    added.stop();
    await untilSubscriptions(first.app, 0);
  });

  it('batches: a send to 300 users goes out in a handful of NOTIFYs, each under 8000 bytes', async () => {
    const listener = new pg.Client({ connectionString: databaseUrl });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('notification', (message) => payloads.push(message.payload ?? ''));
    await listener.query('listen belfry_live');
    const userIds = Array.from({ length: 300 }, (_, i) => `crowd-${i}`);
    const response = await first.service(
      `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { id } }`,
      { input: { templateKey: 'welcome', userIds, channels: ['IN_APP'] } },
    );
    expect(response.errors).toBeUndefined();
    const deadline = Date.now() + 10_000;
    const events = () => payloads.reduce((sum, payload) => sum + (JSON.parse(payload) as { e: unknown[] }).e.length, 0);
    while (events() < 600 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await listener.end();
    expect(events()).toBe(600); // 300 new items and 300 unread counts
    expect(payloads.length).toBeLessThan(30);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
  });

  it('recovers when the listening connection is killed, and events flow again', async () => {
    const client = first.ws(`Bearer ${await first.tokenFor('survivor')}`);
    const added = subscribe(client, `subscription { notificationAdded { title } }`);
    await untilSubscriptions(first.app, 1);
    const reconnected = new Promise<void>((resolve) => (first.app.liveEvents!.onListening = resolve));
    const killed = await withAdmin(databaseUrl, (admin) =>
      admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'belfry-live' and datname = current_database()`,
      ),
    );
    expect(killed.rowCount).toBeGreaterThanOrEqual(2); // both processes' listeners
    await reconnected;
    const sent = await gqlTo(second.url, `ApiKey ${API_KEY}`, SEND, {
      i: { userId: 'survivor', title: 'after the outage', message: 'm' },
    });
    expect(sent.errors).toBeUndefined();
    // The second process reconnects on its own schedule; resend until its events arrive here.
    let event = await added.next(2_000).catch(() => null);
    for (let i = 0; i < 20 && !event; i++) {
      await gqlTo(second.url, `ApiKey ${API_KEY}`, SEND, {
        i: { userId: 'survivor', title: 'after the outage', message: 'm' },
      });
      event = await added.next(500).catch(() => null);
    }
    expect(event?.data).toEqual({ notificationAdded: { title: 'after the outage' } });
    added.stop();
  });
});

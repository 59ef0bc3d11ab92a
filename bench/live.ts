// Live-event benchmarks, each side by side with its floor in the same run:
//   M2 fan-out: frames per second to N subscribed sockets, vs a bare `ws` server broadcasting.
//   M3 latency: send → frame and write (≈ commit) → frame at a graphql-ws client at a fixed
//      rate, vs a raw INSERT + ws.send.
//   M5 memory: server RSS per idle subscribed connection, vs the bare `ws` server.
// Servers run as child processes (the way `npm start` runs), so their RSS is their own.
import { Agent, request } from 'node:http';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { at } from '../src/shared/at.js';
import { API_KEY, startBelfryChild, startRawChild, type Child } from './children.js';

/** Opens `count` sockets speaking graphql-transport-ws, each subscribed to one user's new items; resolves when all are acknowledged. */
async function openSubscribers(
  url: string,
  count: number,
  graphql: boolean,
  onFrame: () => void,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from(
        { length: Math.min(batch, count - start) },
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
            sockets.push(socket);
            socket.on('error', reject);
            socket.on('message', (data) => {
              // ws hands a Buffer (binaryType 'nodebuffer'), whose String() is its UTF-8 text.
              // eslint-disable-next-line @typescript-eslint/no-base-to-string
              const message = JSON.parse(String(data)) as { type: string };
              if (message.type === 'connection_ack') {
                socket.send(
                  JSON.stringify({
                    id: '1',
                    type: 'subscribe',
                    payload: { query: 'subscription { notificationAdded(userId: "fan") { id title } }' },
                  }),
                );
                resolve();
              } else if (message.type === 'next') onFrame();
            });
            socket.on('open', () => {
              if (graphql)
                socket.send(
                  JSON.stringify({ type: 'connection_init', payload: { Authorization: `ApiKey ${API_KEY}` } }),
                );
              else resolve();
            });
          }),
      ),
    );
  }
  return sockets;
}

// Keep-alive connections, at most 64: an open-loop load must not open a socket per request.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function gql(url: string, query: string, variables?: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables });
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `ApiKey ${API_KEY}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => ((JSON.parse(text) as { errors?: unknown }).errors ? reject(new Error(text)) : resolve()));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Waits until `received()` reaches `target`, or the deadline. */
async function until(received: () => number, target: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (received() < target) {
    if (Date.now() > deadline) throw new Error(`${received()} of ${target} frames arrived in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface FanOutResult {
  readonly sockets: number;
  readonly events: number;
  readonly belfryFramesPerSecond: number;
  readonly floorFramesPerSecond: number;
  readonly ratioToFloor: number;
  readonly belfryKiBPerConnection: number;
  readonly floorKiBPerConnection: number;
  readonly memoryRatio: number;
}

/** M2 and M5 in one pass: connect N idle subscribers (memory), then fan events out to all of them (throughput). */
export async function benchFanOutAndMemory(databaseUrl: string, sockets = 10_000, events = 5): Promise<FanOutResult> {
  const measure = async (child: Child, graphql: boolean, send: (count: number) => Promise<void>) => {
    let frames = 0;
    global.gc?.();
    const rssBefore = child.rssKiB();
    const clients = await openSubscribers(child.url, sockets, graphql, () => frames++);
    // Warm-up event: proves every subscription is live before the clock starts.
    await send(1);
    await until(() => frames, sockets, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const kiBPerConnection = (child.rssKiB() - rssBefore) / sockets;
    frames = 0;
    const started = performance.now();
    await send(events);
    await until(() => frames, sockets * events, 120_000);
    const seconds = (performance.now() - started) / 1000;
    for (const client of clients) client.terminate();
    return {
      framesPerSecond: Math.round((sockets * events) / seconds),
      kiBPerConnection: Number(kiBPerConnection.toFixed(2)),
    };
  };

  const belfry = await startBelfryChild(databaseUrl);
  const ours = await measure(belfry, true, async (count) => {
    for (let i = 0; i < count; i++)
      await gql(belfry.url, `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`, {
        i: { userId: 'fan', title: `Fan-out ${i}`, message: 'm' },
      });
  });
  await belfry.stop();

  const raw = await startRawChild();
  const floor = await measure(raw, false, async (count) => {
    await fetch(`${raw.url}/broadcast?count=${count}`, { method: 'POST' });
  });
  await raw.stop();
  return {
    sockets,
    events,
    belfryFramesPerSecond: ours.framesPerSecond,
    floorFramesPerSecond: floor.framesPerSecond,
    ratioToFloor: Number((ours.framesPerSecond / floor.framesPerSecond).toFixed(3)),
    belfryKiBPerConnection: ours.kiBPerConnection,
    floorKiBPerConnection: floor.kiBPerConnection,
    memoryRatio: Number((ours.kiBPerConnection / floor.kiBPerConnection).toFixed(2)),
  };
}

export interface LatencyResult {
  readonly ratePerSecond: number;
  readonly sent: number;
  /** From the mutation leaving the client: includes HTTP, GraphQL and any queue in front of the write. */
  readonly belfry: { p50: number; p99: number };
  /** From the notification's createdAt, stamped by the server as it writes the row (≈ the commit; ms resolution). */
  readonly belfryFromWrite: { p50: number; p99: number };
  readonly floor: { p50: number; p99: number };
  readonly p99Ratio: number;
  readonly p99RatioFromWrite: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(at(sorted, Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length)), 'sample').toFixed(2));
}

/** Sends at `rate` per second for `seconds`, open loop (a send never waits for the previous one). */
async function atRate(rate: number, seconds: number, send: (i: number) => void): Promise<void> {
  const total = rate * seconds;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    send(i);
  }
}

/**
 * M3: from the moment a notification is sent (GraphQL mutation over HTTP: validation, the
 * transaction, the commit, the publish) to the frame at a graphql-ws client. Floor: a raw
 * INSERT of the same row with `pg`, then `ws.send` of it to a raw socket, same rate.
 */
export async function benchLatency(databaseUrl: string, rate = 500, seconds = 5): Promise<LatencyResult> {
  const belfry = await startBelfryChild(databaseUrl);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const fromWrite: number[] = [];
  const client = createClient({
    url: `${belfry.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `ApiKey ${API_KEY}` },
  });
  let resolveFirst = () => {};
  const first = new Promise<void>((resolve) => (resolveFirst = resolve));
  client.subscribe<{ notificationAdded: { title: string; createdAt: string } }>(
    { query: 'subscription { notificationAdded(userId: "latency") { title createdAt } }' },
    {
      next: ({ data }) => {
        const started = sentAt.get(data!.notificationAdded.title);
        if (started !== undefined) {
          latencies.push(performance.now() - started);
          // Both processes read the same wall clock; the server's stamp is in whole milliseconds.
          fromWrite.push(performance.timeOrigin + performance.now() - Date.parse(data!.notificationAdded.createdAt));
        }
        resolveFirst();
      },
      error: () => {},
      complete: () => {},
    },
  );
  const send = (title: string) =>
    gql(belfry.url, `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`, {
      i: { userId: 'latency', title, message: 'm' },
    });
  // Warm up until the subscription delivers.
  for (let i = 0; latencies.length === 0 && i < 100; i++) {
    sentAt.set(`warm-${i}`, performance.now());
    await send(`warm-${i}`);
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  latencies.length = 0;
  fromWrite.length = 0;
  const pending: Promise<void>[] = [];
  await atRate(rate, seconds, (i) => {
    sentAt.set(`m3-${i}`, performance.now());
    pending.push(send(`m3-${i}`));
  });
  await Promise.all(pending);
  await until(() => latencies.length, rate * seconds, 30_000);
  await client.dispose();
  await belfry.stop();
  const ours = { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  const oursFromWrite = { p50: percentile(fromWrite, 50), p99: percentile(fromWrite, 99) };

  // Floor: raw INSERT, then ws.send, measured the same way.
  const db = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await db.query(
    'create table if not exists bench_floor (id serial primary key, user_id text, title text, created_at timestamptz default now())',
  );
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const raw = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
  const floorLatencies: number[] = [];
  const floorSentAt = new Map<string, number>();
  raw.on('message', (data) => {
    // ws hands a Buffer (binaryType 'nodebuffer'), whose String() is its UTF-8 text.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const { title } = JSON.parse(String(data)) as { title: string };
    floorLatencies.push(performance.now() - floorSentAt.get(title)!);
  });
  const socket = await serverSide;
  const floorPending: Promise<void>[] = [];
  await atRate(rate, seconds, (i) => {
    const title = `floor-${i}`;
    floorSentAt.set(title, performance.now());
    floorPending.push(
      db
        .query('insert into bench_floor (user_id, title) values ($1, $2) returning id, user_id, title, created_at', [
          'latency',
          title,
        ])
        .then(({ rows }) => {
          socket.send(JSON.stringify(rows[0]));
        }),
    );
  });
  await Promise.all(floorPending);
  await until(() => floorLatencies.length, rate * seconds, 30_000);
  raw.close();
  wss.close();
  await db.query('drop table if exists bench_floor');
  await db.end();
  const floor = { p50: percentile(floorLatencies, 50), p99: percentile(floorLatencies, 99) };
  return {
    ratePerSecond: rate,
    sent: rate * seconds,
    belfry: ours,
    belfryFromWrite: oursFromWrite,
    floor,
    p99Ratio: Number((ours.p99 / floor.p99).toFixed(2)),
    p99RatioFromWrite: Number((oursFromWrite.p99 / floor.p99).toFixed(2)),
  };
}

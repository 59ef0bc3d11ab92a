import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe, untilSubscriptions } from './support/live.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry(
    {},
    {
      WS_INIT_TIMEOUT_MS: '300',
      WS_MAX_SUBSCRIPTIONS: '3',
      WS_KEEPALIVE_MS: '1000',
      ALLOWED_ORIGINS: 'https://app.example.com,http://localhost',
    },
  );
});
afterAll(() => belfry?.stop());

const closeOf = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

describe('WebSocket hygiene', () => {
  it('applies the same query limits as HTTP', async () => {
    const nested = `{ notifications(userId: "x") { nodes { deliveries { id } } } }`;
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: notificationCount(userId: "x")`).join(' ')} }`;
    const overHttp = await belfry.service(aliases);
    expect(overHttp.errors?.[0]).toMatchObject({
      message: 'Aliases limit of 30 exceeded, found 31.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect((await belfry.service(nested)).errors).toBeUndefined();

    const client = belfry.ws(`ApiKey ${API_KEY}`);
    const overWs = await subscribe(
      client,
      `subscription { ${Array.from({ length: 31 }, (_, i) => `a${i}: notificationAdded(userId: "x") { id }`).join(' ')} }`,
    ).next();
    expect(JSON.stringify(overWs.errors)).toContain('Aliases limit of 30 exceeded, found 31.');
  });

  it('closes a socket that never sends connection_init (4408)', async () => {
    const socket = new WebSocket(belfry.wsUrl, 'graphql-transport-ws', { origin: 'https://app.example.com' });
    const closed = await closeOf(socket);
    expect(closed.code).toBe(4408);
  });

  it('refuses an Origin not on the allowlist at the handshake', async () => {
    const socket = new WebSocket(belfry.wsUrl, 'graphql-transport-ws', { origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) =>
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!)),
    );
    expect(status).toBe(403);
  });

  it('lets in a client that sends no Origin (a native app or a server; browsers always send one)', async () => {
    const socket = new WebSocket(belfry.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('unexpected-response', (_req, res) => reject(new Error(`handshake refused with ${res.statusCode}`)));
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `ApiKey ${API_KEY}` } }));
    // ws hands a Buffer (binaryType 'nodebuffer'), whose String() is its UTF-8 text.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const ack = await new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    expect(JSON.parse(ack)).toEqual({ type: 'connection_ack' });
    socket.close();
  });

  it('caps the subscriptions on one connection', async () => {
    const client = belfry.ws(`Bearer ${await belfry.tokenFor('greedy')}`);
    const running = [1, 2, 3].map(() => subscribe(client, `subscription { notificationAdded { id } }`));
    await untilSubscriptions(belfry.app, 3);
    const fourth = await subscribe(client, `subscription { unreadCountChanged { count } }`).next();
    expect(fourth.errors?.[0]).toMatchObject({ message: 'Too many subscriptions on this connection: at most 3' });
    for (const subscription of running) subscription.stop();
    await untilSubscriptions(belfry.app, 0);
  });

  it('pings, and cuts a peer that stops answering', async () => {
    const answering = new WebSocket(belfry.wsUrl, 'graphql-transport-ws', { origin: 'http://localhost' });
    const silent = new WebSocket(belfry.wsUrl, 'graphql-transport-ws', { origin: 'http://localhost', autoPong: false });
    let pings = 0;
    silent.on('ping', () => pings++);
    for (const socket of [answering, silent]) {
      await new Promise((resolve) => socket.on('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `ApiKey ${API_KEY}` } }));
    }
    const closed = await closeOf(silent);
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(closed.code).toBe(1006); // terminated, no close frame
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.close();
  });

  it('closes the socket when the user token expires (4401)', async () => {
    const token = await belfry.tokenFor('short-lived', Math.floor(Date.now() / 1000) + 2);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      belfry.ws(`Bearer ${token}`, { onClose: resolve }),
    );
    const event = await closed;
    expect({ code: event.code, reason: event.reason }).toEqual({ code: 4401, reason: 'The user token has expired' });
  });
});

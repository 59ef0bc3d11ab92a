import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { MAX_BUFFERED_EVENTS } from '../src/live/live-pub-sub.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSubscriptions } from './support/live.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;
const MESSAGE = 'x'.repeat(10_000);
/** Large frames (the message ten times, about 100 KB), so the kernel's socket buffers (about 4 MB on Linux's loopback) hold few events. */
const LARGE = `subscription { notificationAdded { id ${Array.from({ length: 10 }, (_, n) => `m${n}: message`).join(' ')} } }`;
/** Events sent while the client does not read: the pub/sub's cap plus several times what the socket buffers hold. */
const SENT = MAX_BUFFERED_EVENTS + 200;

type Frame = { type: string; id?: string };

describe('a client that stops reading', () => {
  it('has its subscription completed once its events pass the cap, and the server does not hold them', async () => {
    const socket = new WebSocket(belfry.wsUrl, 'graphql-transport-ws', { origin: 'http://localhost' });
    onTestFinished(() => socket.terminate());
    const frames: Frame[] = [];
    let onFrame = () => {};
    socket.on('message', (data) => {
      // ws hands a Buffer (binaryType 'nodebuffer'), whose String() is its UTF-8 text.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      frames.push(JSON.parse(String(data)) as Frame);
      onFrame();
    });
    const until = (done: () => boolean, timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`gave up after ${frames.length} frames: ${JSON.stringify(frames.at(-1))}`)),
          timeoutMs,
        );
        onFrame = () => {
          if (!done()) return;
          clearTimeout(timer);
          resolve();
        };
        onFrame();
      });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { Authorization: `Bearer ${await belfry.tokenFor('slow-reader')}` },
      }),
    );
    await until(() => frames.some((frame) => frame.type === 'connection_ack'), 5_000);
    socket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query: LARGE } }));
    await untilSubscriptions(belfry.app, 1);

    socket.pause();
    const t0 = Date.now();
    for (let sent = 0; sent < SENT; sent += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          belfry.service(SEND, { i: { userId: 'slow-reader', title: `#${sent + n}`, message: MESSAGE } }),
        ),
      );
    }

    const sendMs = Date.now() - t0;
    socket.resume();
    const completed = () => frames.some((frame) => frame.type === 'complete' && frame.id === 'slow');
    const nexts = () => frames.filter((frame) => frame.type === 'next').length;
    // Without backpressure every event would arrive, and no complete.
    await until(() => completed() || nexts() === SENT, 10_000);
    const received = nexts();
    console.log(`backpressure: ${SENT} sent in ${sendMs} ms, ${received} received, then complete: ${completed()}`);
    // Every frame the server wrote for this client reaches it once it reads again: what the server held for
    // it is what it received. That is the socket buffers' worth (the writes in flight when the loop
    // stopped), not what was sent: the events past the pub/sub's cap were dropped, not queued in memory.
    expect(completed()).toBe(true);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(SENT - MAX_BUFFERED_EVENTS);
    await untilSubscriptions(belfry.app, 0);
  });
});

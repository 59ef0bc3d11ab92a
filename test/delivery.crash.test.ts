import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { gqlTo, serverEnv, startServer, type Started } from './support/process.js';
import { until } from './support/until.js';
import { at } from '../src/shared/at.js';

const mailgun = new FakeMailgun('key-crash-0123456789', 'mg.example.com');
let database: TestDatabase;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const running: Started[] = [];
let releaseHeld = () => {};

beforeAll(async () => {
  await mailgun.start();
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'belfry-crash-'));
  env = serverEnv(dataDir, database, {
    MAILGUN_API_KEY: mailgun.apiKey,
    MAILGUN_DOMAIN: mailgun.domain,
    MAILGUN_URL: mailgun.url,
    FROM_EMAIL: 'no-reply@example.com',
    // A job whose worker vanished is taken back after 3 s.
    DELIVERY_TIMEOUT_SECONDS: '3',
    DELIVERY_RETRY_DELAY_SECONDS: '1',
  });
});
afterAll(async () => {
  releaseHeld();
  for (const server of running) server.child.kill('SIGKILL');
  await mailgun.stop();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Started> {
  const server = await startServer(env);
  running.push(server);
  return server;
}

async function deliveryOf(server: Started, notificationId: string) {
  const response = await gqlTo(
    server.url,
    `ApiKey ${server.apiKey}`,
    `query($id: ID!) { deliveries(notificationId: $id, channel: EMAIL) { id status attempts backend sentAt } }`,
    { id: notificationId },
  );
  return response.data.deliveries as {
    id: string;
    status: string;
    attempts: number;
    backend: string;
    sentAt: string | null;
  }[];
}

/** Resolves when the child process prints a JSON log entry with this message. */
function logLine(server: Started, message: string): Promise<void> {
  const stdout = server.child.stdout!;
  let seen = '';
  return new Promise((resolve) => {
    // A plain listener next to startServer's line reader (closing a reader would pause the stream).
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const complete = seen.split('\n').slice(0, -1);
      if (complete.some((line) => line.startsWith('{') && JSON.parse(line).msg === message)) {
        stdout.off('data', onData);
        resolve();
      }
    };
    stdout.on('data', onData);
  });
}

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

async function untilStatus(server: Started, notificationId: string, status: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await deliveryOf(server, notificationId);
    if (rows[0]?.status === status) return rows;
    if (Date.now() > deadline) throw new Error(`delivery is ${JSON.stringify(rows)}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a process killed mid-delivery', () => {
  it('loses nothing: after restart the delivery ends SENT, once, in the database', async () => {
    const first = await start();
    const asService = (query: string, variables?: Record<string, unknown>) =>
      gqlTo(first.url, `ApiKey ${first.apiKey}`, query, variables);
    await asService(
      `mutation { upsertRecipient(input: { userId: "crash-user", email: "crash@example.com" }) { userId } }`,
    );
    // Mailgun takes the first request and never answers it.
    mailgun.script({ status: 200, release: new Promise<void>((resolve) => (releaseHeld = resolve)) });
    const sent = await asService(`mutation { triggerEvent(input: { event: "welcome", userId: "crash-user" }) { id } }`);
    const notificationId = sent.data.triggerEvent.id as string;
    await mailgun.untilRequests(1);

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start();
    const delivery = at(await untilStatus(second, notificationId, 'SENT'), 0, 'delivery');
    expect(delivery).toMatchObject({ status: 'SENT', backend: 'mailgun', attempts: 2 });
    const rows = await deliveryOf(second, notificationId);
    expect(rows).toHaveLength(1);
    // The provider saw the send twice (its first answer was lost with the process), both with the same delivery id.
    const ids = mailgun.accepted.map((message) => message.fields['h:X-Belfry-Delivery-Id']?.[0]);
    expect(ids).toEqual([delivery.id, delivery.id]);

    // SIGTERM with a send in flight: the send finishes before the process exits.
    let releaseSlow = () => {};
    mailgun.script({ status: 200, release: new Promise<void>((resolve) => (releaseSlow = resolve)) });
    const slow = await gqlTo(
      second.url,
      `ApiKey ${second.apiKey}`,
      `mutation { triggerEvent(input: { event: "welcome", userId: "crash-user" }) { id } }`,
    );
    await mailgun.untilRequests(3);
    const shuttingDown = logLine(second, 'shutting down');
    second.child.kill('SIGTERM');
    // Released only once the process is draining: it logged the signal and stopped listening.
    await shuttingDown;
    await until(() => refusesConnections(second.url), Boolean, { what: 'listener closed' });
    releaseSlow();
    expect(await second.exited).toBe(0);

    const third = await start();
    const [finished] = await deliveryOf(third, slow.data.triggerEvent.id);
    expect(finished).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(mailgun.requests).toHaveLength(3);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 120_000); // three cold starts (PGlite's are several seconds each on a busy machine) and a 3 s job expiry
});

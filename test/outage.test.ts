import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { ListenConnection } from '../src/live/listen-connection.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';
import { subscribe, untilSubscriptions, type LiveSubscription } from './support/live.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { at } from '../src/shared/at.js';

const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;
const DATABASE = 'belfry_outage';
/** What one process may hold: the ORM pool (10), pg-boss's pool (concurrency 8 + 2) and LISTEN connection, the live-events LISTEN connection. */
const PER_PROCESS = 10 + (8 + 2) + 1 + 1;
/** Required: back to normal within this long after PostgreSQL accepts connections again. */
const RECOVERY_MS = 10_000;

// Only for time windows a test measures (how long PostgreSQL stays down, attempts per second)
// and as a poll interval; never to wait for something to happen.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Outages run against a cluster of this file's own: never the shared server. */
describe.skipIf(testEngine !== 'postgres')('PostgreSQL outages (private cluster)', () => {
  let postgres: PrivatePostgres;
  let url: string;
  /** Holds the subscriptions; `sender` is another Belfry process on the same database, whose events arrive here by NOTIFY. */
  let subscriber: TestBelfry;
  let sender: TestBelfry;
  let counts: LiveSubscription<{ unreadCountChanged: { count: number } }>;
  let added: LiveSubscription<{ notificationAdded: { title: string } }>;
  const USER = 'through-outages';
  let sent = 0;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    url = await postgres.createDatabase(DATABASE);
    // The database is shared: each instance owns nothing to drop (the cluster goes with the file).
    subscriber = await startTestBelfry({ database: { kind: 'postgres', url } });
    sender = await startTestBelfry({ database: { kind: 'postgres', url } });
    const recipient = await sender.service(
      `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
      { input: { userId: USER, email: 'outage@example.com' } },
    );
    expect(recipient.errors).toBeUndefined();
    const client = subscriber.ws(`Bearer ${await subscriber.tokenFor(USER)}`);
    counts = subscribe(client, `subscription { unreadCountChanged { count } }`);
    added = subscribe(client, `subscription { notificationAdded { title } }`);
    await untilSubscriptions(subscriber.app, 2);
    await send(sender, 'before any outage');
    expect((await added.next()).data).toEqual({ notificationAdded: { title: 'before any outage' } });
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { count: 1 } });
  }, 120_000);

  // A failed test must not leave the next one without a server.
  afterEach(async () => {
    if (postgres && !postgres.running) await postgres.start();
  });

  afterAll(async () => {
    await sender?.stop();
    await subscriber?.stop();
    await postgres?.destroy();
  });

  async function send(through: TestBelfry, title: string) {
    const response = await through.service(SEND, { i: { userId: USER, title, message: 'm' } });
    expect(response.errors).toBeUndefined();
    sent++;
  }

  const readyz = async (belfry: TestBelfry) =>
    (await fetch(`${belfry.url}/readyz`, { signal: AbortSignal.timeout(5_000) })).status;

  /** Everything a process must be back to within RECOVERY_MS of PostgreSQL accepting again. */
  async function expectRecovered(upAt: number) {
    await until(
      'LISTEN connections (one per process)',
      () => postgres.connections(DATABASE, 'belfry-live'),
      (n) => n === 2,
      RECOVERY_MS,
    );
    await until(
      'readiness',
      async () => [await readyz(subscriber), await readyz(sender)],
      (s) => s.every((status) => status === 200),
      RECOVERY_MS,
    );
    expect(Date.now() - upAt).toBeLessThan(RECOVERY_MS);
    // Missed events are re-read: the badge gets a fresh count without any new send.
    const refreshed = await counts.next(RECOVERY_MS);
    expect(refreshed.data).toEqual({ unreadCountChanged: { count: sent } });
    expect(await postgres.connections(DATABASE)).toBeLessThanOrEqual(2 * PER_PROCESS);
    counts.pending.splice(0);

    // An event from the other process arrives once (two LISTEN clients or handlers would repeat it),
    // and so does one published here. The one LISTEN connection (checked above) hands on
    // notifications in commit order, so a barrier sent after the marker has committed arrives
    // after any repeat of the events before it: no need to wait and hope.
    await send(sender, `remote after recovery ${sent}`);
    await send(subscriber, `local after recovery ${sent}`);
    await send(sender, `marker ${sent}`);
    const titles: string[] = [];
    while (!titles.some((title) => title.startsWith('marker')))
      titles.push((await added.next(RECOVERY_MS)).data!.notificationAdded.title);
    await send(sender, `barrier ${sent}`);
    while (!titles.some((title) => title.startsWith('barrier')))
      titles.push((await added.next(RECOVERY_MS)).data!.notificationAdded.title);
    titles.push(...added.pending.splice(0).map((result) => result.data!.notificationAdded.title));
    expect(titles.sort()).toEqual(
      [
        `local after recovery ${sent - 3}`,
        `marker ${sent - 2}`,
        `remote after recovery ${sent - 4}`,
        `barrier ${sent - 1}`,
      ].sort(),
    );
    // Let the counts of these sends arrive, so the next outage starts from a quiet subscription.
    while ((await counts.next(RECOVERY_MS)).data?.unreadCountChanged.count !== sent);
    counts.pending.splice(0);
    // Whichever process's worker takes it, an email sent after the outage is delivered.
    // (Email only: no inbox item, so the subscriptions see nothing of it.)
    const email = await sender.service(SEND, {
      i: { userId: USER, title: `email ${upAt}`, message: 'm', channels: ['EMAIL'] },
    });
    expect(email.errors).toBeUndefined();
    await until(
      'email delivery',
      async () =>
        [subscriber, sender].some((belfry) =>
          belfry.app.backends.outbox.messages.some(
            (entry) => entry.channel === 'email' && entry.message.subject === `email ${upAt}`,
          ),
        ),
      Boolean,
      RECOVERY_MS,
    );
    expect(await postgres.connections(DATABASE)).toBeLessThanOrEqual(2 * PER_PROCESS);
  }

  it('rides out PostgreSQL stopping for seconds: 503 while down, then one listener, fresh counts, no duplicates', async () => {
    const attemptsBefore = subscriber.app.liveEvents!.connection.connectAttempts;
    await postgres.stop();
    const downAt = Date.now();

    const started = Date.now();
    expect(await readyz(subscriber)).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    const refused = await subscriber.service(SEND, { i: { userId: USER, title: 'while down', message: 'm' } });
    expect(refused.status).toBe(503);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    await sleep(Math.max(0, 7_000 - (Date.now() - downAt)));
    // One loop with backoff from 250 ms capped at 5 s makes about six attempts in 7 s; loops that doubled made hundreds.
    expect(subscriber.app.liveEvents!.connection.connectAttempts - attemptsBefore).toBeLessThanOrEqual(8);
    await postgres.start();
    await expectRecovered(Date.now());
  }, 90_000);

  it('recovers from pg_terminate_backend of every Belfry connection the same way', async () => {
    expect(await postgres.terminateAll(DATABASE)).toBeGreaterThanOrEqual(4);
    await expectRecovered(Date.now());
  }, 60_000);

  it('runs one reconnect loop however long PostgreSQL stays down: attempts follow the backoff, never double', async () => {
    const attempts: number[] = [];
    const connection = new ListenConnection({
      connectionString: url,
      channel: 'belfry_outage_probe',
      applicationName: 'belfry-probe',
      onNotification: () => {},
      onReconnected: () => {},
      logger: createLogger('silent'),
      backoff: { initialMs: 20, maxMs: 200 },
    });
    await connection.start();
    try {
      await postgres.stop();
      for (let second = 0; second < 6; second++) {
        await sleep(1_000);
        attempts.push(connection.connectAttempts);
      }
      await postgres.start();
      await until('probe listening again', async () => connection.listening, Boolean, 5_000);
      expect(await postgres.connections(DATABASE, 'belfry-probe')).toBe(1);
    } finally {
      await connection.close();
    }
    // Capped at 200 ms with jitter down to 100 ms: at most ~10 attempts a second, the same every
    // second; doubling loops would multiply each second's count.
    const perSecond = attempts.map((count, index) => count - (index ? at(attempts, index - 1) : 1));
    for (const count of perSecond.slice(1)) expect(count).toBeLessThanOrEqual(11);
    expect(await postgres.connections(DATABASE, 'belfry-probe')).toBe(0);
    // The Belfry processes also rode this outage out.
    await expectRecovered(Date.now());
  }, 90_000);
});

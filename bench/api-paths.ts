// The API's hot paths, each beside its floor (bench/floor-server.mjs: node:http + pg doing the
// same database work on the same tables), driven by the same closed-loop generator:
//   M1 in-app `sendNotification` (API key), spread over 1,000 users;
//   M6 the bell read: `notifications(first: 20)` + the unread count, with a user token.
// Each runs on a database of its own, created for the run and dropped after it.
import pg from 'pg';
import { API_KEY, startBelfryChild, startFloorChild, userToken, type Child } from './children.js';
import { runLoad, type LoadResult } from './http-load.js';

export interface PathResult {
  readonly belfry: LoadResult;
  readonly floor: LoadResult;
  readonly ratio: number;
}

export interface LoadOptions {
  readonly total?: number;
  readonly concurrency?: number;
  readonly warmup?: number;
}

const USERS = 1_000;

/** Runs `work` on a new database next to `databaseUrl`'s, dropped afterwards. */
async function withFreshDatabase<T>(databaseUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `belfry_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.href);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function measured(server: Promise<Child>, load: (child: Child) => Promise<LoadResult>): Promise<LoadResult> {
  const child = await server;
  try {
    return await load(child);
  } finally {
    await child.stop();
  }
}

function ratioOf(belfry: LoadResult, floor: LoadResult): PathResult {
  return { belfry, floor, ratio: Number((belfry.perSecond / floor.perSecond).toFixed(3)) };
}

const SEND = `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`;

/** M1: one in-app notification per request, users taken in turn. */
export function benchInAppSend(databaseUrl: string, options: LoadOptions = {}): Promise<PathResult> {
  return withFreshDatabase(databaseUrl, async (url) => {
    const belfry = await measured(startBelfryChild(url), (child) =>
      runLoad(
        child,
        (i) => ({
          method: 'POST',
          path: '/graphql',
          headers: { authorization: `ApiKey ${API_KEY}` },
          body: JSON.stringify({
            query: SEND,
            variables: { input: { userId: `m1-user-${i % USERS}`, title: `Send ${i}`, message: 'A benchmark item' } },
          }),
        }),
        options,
      ),
    );
    // Other users, so the floor's users start with the same empty backlog Belfry's had.
    const floor = await measured(startFloorChild(url), (child) =>
      runLoad(
        child,
        (i) => ({
          method: 'POST',
          path: '/send',
          body: JSON.stringify({ userId: `m1-floor-${i % USERS}`, title: `Send ${i}`, message: 'A benchmark item' }),
        }),
        options,
      ),
    );
    return ratioOf(belfry, floor);
  });
}

const BELL = `query Bell {
  notifications(first: 20) { nodes { id title message category priority read seen actionUrl createdAt } pageInfo { hasNextPage endCursor } }
  notificationCount(unreadOnly: true)
}`;
const BELL_USERS = 100;
const ITEMS_PER_USER = 50;

/** M6: the bell's first read, for 100 users with 50 items each (half read), user tokens taken in turn. */
export function benchBellRead(databaseUrl: string, options: LoadOptions = {}): Promise<PathResult> {
  return withFreshDatabase(databaseUrl, async (url) => {
    const tokens = await Promise.all(Array.from({ length: BELL_USERS }, (_, i) => userToken(`m6-user-${i}`)));
    const belfry = await measured(startBelfryChild(url), async (child) => {
      // Written with the schema Belfry just migrated; the floor reads the same rows.
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      await db.query(
        `insert into notifications (id, user_id, channels, category, priority, title, message, read, in_inbox, created_at, inbox_at)
         select gen_random_uuid(), 'm6-user-' || u, '{in_app}', 'system', 'medium', 'Item ' || i, 'A benchmark item', i % 2 = 0, true,
                now() - make_interval(mins => i), now() - make_interval(mins => i)
         from generate_series(0, ${BELL_USERS - 1}) u, generate_series(1, ${ITEMS_PER_USER}) i`,
      );
      await db.query('analyze notifications');
      await db.end();
      return runLoad(
        child,
        (i) => ({
          method: 'POST',
          path: '/graphql',
          headers: { authorization: `Bearer ${tokens[i % BELL_USERS]!}` },
          body: JSON.stringify({ query: BELL }),
        }),
        options,
      );
    });
    const floor = await measured(startFloorChild(url), (child) =>
      runLoad(child, (i) => ({ method: 'GET', path: `/bell?userId=m6-user-${i % BELL_USERS}` }), options),
    );
    return ratioOf(belfry, floor);
  });
}

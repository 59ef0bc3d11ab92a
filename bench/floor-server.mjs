// The floor for the API benchmarks (M1, M6): a minimal node:http + pg server doing the same
// database work as Belfry on the same tables, with no framework, no GraphQL, no ORM and no
// auth. The pool is Belfry's size (10).
//   POST /send  {"userId","title","message"}: the in-app send — read the user's preference
//     flags, insert the notification and its in-app delivery in one statement, count the
//     user's unread items, NOTIFY the count (what Belfry publishes live).
//   GET /bell?userId=: the bell read — the 20 newest inbox items and the unread count.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const INSERT = `with n as (
    insert into notifications (id, user_id, channels, category, priority, title, message, in_inbox, inbox_at)
    values ($1, $2, '{in_app}', 'system', 'medium', $3, $4, true, now()) returning id
  ), d as (
    insert into deliveries (id, notification_id, channel, status, sent_at) select $5, id, 'in_app', 'delivered', now() from n
  ) select id from n`;
const UNREAD = `select count(*)::int as count, (count(*) filter (where seen_at is null))::int as unseen from notifications
  where user_id = $1 and in_inbox and read = false and archived_at is null
    and (expires_at is null or expires_at > now()) and (send_at is null or send_at <= now())
    and (snoozed_until is null or snoozed_until <= now())`;
const LIST = `select id, title, message, category, priority, read, seen_at, action_url, created_at, inbox_at
  from notifications where user_id = $1 and in_inbox and archived_at is null
    and (expires_at is null or expires_at > now()) and (send_at is null or send_at <= now())
    and (snoozed_until is null or snoozed_until <= now())
  order by inbox_at desc, id desc limit 21`;

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function send(body) {
  await pool.query('select * from notification_preferences where user_id = $1', [body.userId]);
  const { rows } = await pool.query(INSERT, [randomUUID(), body.userId, body.title, body.message, randomUUID()]);
  const unread = await pool.query(UNREAD, [body.userId]);
  await pool.query('select pg_notify($1, $2)', [
    'floor_events',
    JSON.stringify({ userId: body.userId, ...unread.rows[0] }),
  ]);
  return { id: rows[0].id };
}

async function bell(userId) {
  const [list, unread] = await Promise.all([pool.query(LIST, [userId]), pool.query(UNREAD, [userId])]);
  return { nodes: list.rows.slice(0, 20), hasNextPage: list.rows.length > 20, unread: unread.rows[0].count };
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const reply = (work) =>
    work.then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      },
    );
  if (req.method === 'POST' && url.pathname === '/send') return void reply(readJson(req).then(send));
  if (req.method === 'GET' && url.pathname === '/bell') return void reply(bell(url.searchParams.get('userId')));
  res.statusCode = 404;
  res.end();
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ msg: 'floor ready', url: `http://127.0.0.1:${server.address().port}` })),
);
process.on('SIGTERM', () => void pool.end().finally(() => process.exit(0)));

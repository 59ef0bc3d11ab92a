// Probe of hostile GraphQL documents against a built server (`npm run build` first):
//   node bench/query-abuse.mjs postgres://postgres@127.0.0.1:5432/postgres
// Starts `node dist/main.js` (NODE_ENV=production) on 127.0.0.1 with a database of its own,
// seeds 100 notifications (2 deliveries each) for one user, then, as that user, measures:
//   1. the time to answer the 26-level fragment bomb over HTTP (five times);
//   2. the server process's peak RSS (VmHWM) under 10 concurrent requests of 30 aliases x
//      notifications(first: 100) { nodes { deliveries { id } } }, literal and through a variable.
// Bounded: one server, 10 requests at a time, 5 minutes at most per load.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import pg from 'pg';

const baseUrl = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const API_KEY = 'probe-api-key-0123456789abcdef';
const JWT_SECRET = 'probe-jwt-secret-0123456789abcdef-0123456789';
const USER = 'probe-user';
const dbName = `belfry_probe_${process.pid}_${Date.now()}`;

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(baseUrl);
dbUrl.pathname = `/${dbName}`;

const child = spawn(process.execPath, ['dist/main.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl.href,
    API_KEYS: API_KEY,
    JWT_SECRET,
    SECRET_KEY: '07'.repeat(32),
    LOG_LEVEL: 'info',
    DATA_DIR: `/tmp/${dbName}`,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server not ready in 60 s')), 60_000);
  createInterface({ input: child.stdout }).on('line', (line) => {
    const entry = line.startsWith('{') ? JSON.parse(line) : {};
    if (entry.msg === 'Belfry is ready') {
      clearTimeout(timer);
      resolve(entry.url);
    }
  });
});
const rss = (field) =>
  Number(
    /(\d+) kB/.exec(
      readFileSync(`/proc/${child.pid}/status`, 'utf8')
        .split('\n')
        .find((line) => line.startsWith(field)),
    )[1],
  ) / 1024;
const token = await new SignJWT({})
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(USER)
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(JWT_SECRET));
const post = async (authorization, query, variables) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(300_000),
  });
  return { status: response.status, body: await response.json() };
};

try {
  for (let batch = 0; batch < 10; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          `ApiKey ${API_KEY}`,
          'mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
          { input: { userId: USER, title: `item ${batch * 10 + i}`, message: 'body', channels: ['IN_APP', 'EMAIL'] } },
        ),
      ),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  const levels = 26;
  const bomb = `query { ...F0 }\n${Array.from({ length: levels }, (_, i) => (i === levels - 1 ? `fragment F${i} on Query { notificationCount }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)).join('\n')}`;
  let started;
  // Five times: the first is with cold code, and validation results are not cached on failure.
  for (let round = 0; round < 5; round++) {
    started = performance.now();
    const refused = await post(`Bearer ${token}`, bomb);
    console.log(
      `fragment bomb (${levels} levels, ${bomb.length} bytes, user token, HTTP) #${round + 1}: ${(performance.now() - started).toFixed(0)} ms, status ${refused.status}, ${JSON.stringify(refused.body.errors?.[0] ?? refused.body.data).slice(0, 160)}`,
    );
  }

  const page = (first) => `notifications(first: ${first}) { nodes { deliveries { id } } }`;
  const loads = {
    'literal first: 100': [`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ${page(100)}`).join(' ')} }`, undefined],
    'first: $n (n = 100)': [
      `query($n: Int!) { ${Array.from({ length: 30 }, (_, i) => `a${i}: ${page('$n')}`).join(' ')} }`,
      { n: 100 },
    ],
  };
  for (const [name, [query, variables]] of Object.entries(loads)) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = rss('VmRSS');
    try {
      writeFileSync(`/proc/${child.pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    } catch {
      // No /proc (not Linux): the peak is sampled from VmRSS alone.
    }
    let sampledPeak = before;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, rss('VmRSS'))), 50);
    started = performance.now();
    const results = await Promise.all(Array.from({ length: 10 }, () => post(`Bearer ${token}`, query, variables)));
    clearInterval(sampler);
    const statuses = results.map((result) => result.status).join(',');
    const first =
      results[0].body.errors?.[0]?.message ?? `${Object.keys(results[0].body.data ?? {}).length} aliases answered`;
    console.log(
      `10 x 30 aliases x ${name}: ${(performance.now() - started).toFixed(0)} ms, statuses ${statuses} (${first}); server RSS before ${before.toFixed(0)} MB, peak ${Math.max(rss('VmHWM'), sampledPeak).toFixed(0)} MB (VmHWM ${rss('VmHWM').toFixed(0)}, sampled ${sampledPeak.toFixed(0)})`,
    );
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}

// The servers the benchmarks measure run as child processes (the way `npm start` runs), so
// their RSS and CPU time are their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { signUserToken } from '../src/auth/dev-credentials.js';

export const API_KEY = 'bench-api-key-0123456789';
export const JWT_SECRET = 'bench-jwt-secret-0123456789-0123456789ab';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  rssKiB(): number;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** User + system CPU seconds of one process, from /proc/<pid>/stat (fields 14 and 15). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * CPU seconds used so far by every PostgreSQL process on this machine (backends, WAL writer,
 * checkpointer, …): the database's share of a benchmark is the difference across it. Only
 * meaningful when nothing else uses PostgreSQL meanwhile.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      total += processCpuSeconds(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

export function startChild(args: string[], env: NodeJS.ProcessEnv, readyMessage: string): Promise<Child> {
  const child = spawn(process.execPath, ['--expose-gc', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg !== readyMessage) return;
      const pid = child.pid!;
      resolve({
        process: child,
        url: entry.url!.replace(/\/graphql$/, ''),
        rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]),
        cpuSeconds: () => processCpuSeconds(pid),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Belfry from dist/main.js, in production-like settings except that the limits a burst from one caller would hit are off. */
export function startBelfryChild(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const entry = new URL('../../dist/main.js', import.meta.url).pathname;
  return startChild(
    [entry],
    {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      API_KEYS: API_KEY,
      JWT_SECRET,
      LOG_LEVEL: 'info',
      WS_MAX_SUBSCRIPTIONS: '20',
      // The benchmarks are bursts from one key, one token and one address.
      RATE_LIMIT_SERVICE_PER_MINUTE: '0',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      WS_MAX_CONNECTIONS_PER_IP: '0',
      ...env,
    },
    'Belfry is ready',
  );
}

export function startRawChild(): Promise<Child> {
  return startChild([new URL('../../bench/raw-ws-server.mjs', import.meta.url).pathname], process.env, 'raw ws ready');
}

/** The node:http + pg floor of the API benchmarks (bench/floor-server.mjs) on the same database. */
export function startFloorChild(databaseUrl: string): Promise<Child> {
  return startChild(
    [new URL('../../bench/floor-server.mjs', import.meta.url).pathname],
    { ...process.env, DATABASE_URL: databaseUrl },
    'floor ready',
  );
}

/** A user token as an app would hold it, signed as Belfry's development credentials sign them. */
export function userToken(userId: string): Promise<string> {
  return signUserToken(JWT_SECRET, userId, '1h');
}

import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withAdmin } from './database.js';
import { at } from '../../src/shared/at.js';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of a test's own, for faults the shared server must never see (stops,
 * restarts, killed backends). initdb takes a few seconds: share one per test file.
 */
export interface PrivatePostgres {
  /** A superuser URL of the `postgres` database on this cluster. */
  readonly adminUrl: string;
  readonly port: number;
  /** Creates a database and answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: sessions are terminated); resolves once it is down. */
  stop(): Promise<void>;
  /** Starts it again; resolves once it accepts connections. */
  start(): Promise<void>;
  /** False between stop() and start(). */
  readonly running: boolean;
  /** Connections to `database` (client backends only), optionally only those whose application_name starts with `application`. */
  connections(database: string, application?: string): Promise<number>;
  /** Terminates every client backend on `database` except the asking one; answers how many. */
  terminateAll(database: string): Promise<number>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

/** Where the installed server binaries are (e.g. /usr/lib/postgresql/15/bin). */
function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', at(versions, 0, 'installed PostgreSQL version'), 'bin');
}

/** initdb and pg_ctl refuse to run as root: run them as the postgres user when we are root. */
async function asPostgres(command: string): Promise<void> {
  if (process.getuid?.() === 0) await run('su', ['postgres', '-s', '/bin/sh', '-c', command]);
  else await run('/bin/sh', ['-c', command]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb into a fresh temp dir and start the cluster on a free port of 127.0.0.1. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'belfry-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  // Small and quick: no fsync (a test cluster is thrown away). max_connections stays at its
  // default (100), as on a stock server: a connection leak must show up here as it would there.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB`;
  const pgCtl = (action: string) =>
    asPostgres(
      `${quote(join(bin, 'pg_ctl'))} -D ${quote(data)} -o ${quote(options)} -l ${quote(join(dir, 'log'))} -w -t 30 ${action}`,
    );
  await asPostgres(`${quote(join(bin, 'initdb'))} -D ${quote(data)} -A trust -U postgres --no-sync >/dev/null`);
  await pgCtl('start');
  let running = true;

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    get running() {
      return running;
    },
    async createDatabase(name) {
      await withAdmin(adminUrl, (client) => client.query(`create database "${name}"`));
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await pgCtl('stop -m fast');
      running = false;
    },
    async start() {
      await pgCtl('start');
      running = true;
    },
    async connections(database, application) {
      const { rows } = await withAdmin(adminUrl, (client) =>
        client.query<{ count: number }>(
          `select count(*)::int as count from pg_stat_activity
            where backend_type = 'client backend' and datname = $1 and pid <> pg_backend_pid()
              and ($2::text is null or application_name like $2 || '%')`,
          [database, application ?? null],
        ),
      );
      return at(rows, 0).count;
    },
    async terminateAll(database) {
      const { rows } = await withAdmin(adminUrl, (client) =>
        client.query<{ count: number }>(
          `select count(pg_terminate_backend(pid))::int as count from pg_stat_activity
            where backend_type = 'client backend' and datname = $1 and pid <> pg_backend_pid()`,
          [database],
        ),
      );
      return at(rows, 0).count;
    },
    async destroy() {
      if (running) await pgCtl('stop -m immediate').catch(() => {});
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

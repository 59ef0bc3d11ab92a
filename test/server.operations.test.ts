import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { builtEntry, serverEnv } from './support/process.js';

const root = new URL('..', import.meta.url).pathname;

/** True while a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('operating the built server', () => {
  let dataDir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(builtEntry))
      throw new Error('dist/main.js is missing: run `npm run build` (npm test does it first)');
    dataDir = mkdtempSync(join(tmpdir(), 'belfry-ops-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the server when SIGTERM goes to npm, as Docker, systemd and PM2 send it', async () => {
    // `npm start` builds first (too slow here) and then runs exactly what `npm run serve` runs.
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toMatch(/ && exec node dist\/main\.js$/);
    expect(scripts.serve).toBe('exec node dist/main.js');

    const npm = spawn('npm', ['run', 'serve'], {
      cwd: root,
      env: serverEnv(dataDir, database),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const npmExited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    let serverPid: number | undefined;
    try {
      const ready = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not ready in 60 s')), 60_000);
        void npmExited.then((code) => reject(new Error(`npm exited with ${code} before the server was ready`)));
        createInterface({ input: npm.stdout }).on('line', (line) => {
          if (!line.startsWith('{')) return;
          const entry = JSON.parse(line);
          if (entry.msg !== 'Belfry is ready') return;
          clearTimeout(timer);
          resolve({ pid: entry.pid, url: entry.url.replace(/\/graphql$/, '') });
        });
      });
      serverPid = ready.pid;
      expect(ready.pid).not.toBe(npm.pid);
      expect((await fetch(`${ready.url}/healthz`)).status).toBe(200);

      const stopAt = Date.now();
      npm.kill('SIGTERM');
      while (alive(ready.pid) && Date.now() - stopAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alive(ready.pid)).toBe(false);
      expect(await npmExited).toBe(0);
      await expect(fetch(`${ready.url}/healthz`)).rejects.toThrow();
    } finally {
      npm.kill('SIGKILL');
      // On a failure the server may be left running under PID 1: that is the bug this test catches.
      if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  }, 90_000);

  it('ends with one line naming PORT, and exit code 1, when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, [builtEntry], {
        cwd: root,
        env: { ...serverEnv(dataDir, database), PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`Port ${port} is already in use: set PORT to a free port`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 90_000);
});

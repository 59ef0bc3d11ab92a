import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestDatabase } from './database.js';

const root = new URL('../..', import.meta.url).pathname;
/** The built entry point `npm start` runs. */
export const builtEntry = join(root, 'dist/main.js');

export interface Started {
  child: ChildProcess;
  url: string;
  apiKey: string;
  userToken: string;
  exited: Promise<number | null>;
}

/** Starts the built server exactly as `npm start` does after building, and reads what it prints. */
export function startServer(
  env: NodeJS.ProcessEnv,
  options: { configuredCredentials?: boolean } = {},
): Promise<Started> {
  const child = spawn(process.execPath, [builtEntry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const found: Partial<Started> = { child, exited };
    const timer = setTimeout(() => reject(new Error(`server not ready in 45 s; stderr: ${stderr}`)), 45_000);
    void exited.then((code) => reject(new Error(`server exited with ${code} before it was ready; stderr: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) {
        const entry = JSON.parse(line);
        if (entry.msg === 'Belfry is ready') {
          found.url = entry.url.replace(/\/graphql$/, '');
          // With configured credentials nothing more is printed.
          if (options.configuredCredentials) {
            clearTimeout(timer);
            resolve(found as Started);
          }
        }
      }
      const key = /API key \(service\):\s+ApiKey (\S+)/.exec(line);
      if (key) found.apiKey = key[1];
      const token = /User token \(sub=demo-user\):\s+Bearer (\S+)/.exec(line);
      if (token) {
        found.userToken = token[1];
        clearTimeout(timer);
        resolve(found as Started);
      }
    });
  });
}

/** The environment of a server child process: a fresh data dir, a free port, no inherited credentials. */
export function serverEnv(
  dataDir: string,
  database: TestDatabase,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _drop,
    API_KEYS: _a,
    JWT_SECRET: _b,
    JWT_PUBLIC_KEY: _c,
    JWT_JWKS_URL: _d,
    NODE_ENV: _e,
    SECRET_KEY: _f,
    ...rest
  } = process.env;
  return {
    ...rest,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ...(database.config.kind === 'postgres' ? { DATABASE_URL: database.config.url } : {}),
    ...extra,
  };
}

/** POSTs a GraphQL operation to a server child process. */
export async function gqlTo(
  url: string,
  authorization: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

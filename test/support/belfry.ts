import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startBelfry, type RunningBelfry } from '../../src/app.js';
import { signUserToken } from '../../src/auth/dev-credentials.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/settings.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase } from './database.js';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef-0123456789';
/** The key sensitive template data is sealed with in tests. */
export const SECRET_KEY = Buffer.alloc(32, 7);

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; fields?: string[] } }[];
}

export type Gql = <T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<GraphQLResponse<T>>;

export interface TestBelfry {
  readonly app: RunningBelfry;
  /** The database this instance runs on (another instance may share it). */
  readonly databaseConfig: Config['database'];
  readonly url: string;
  readonly wsUrl: string;
  /** Everything the server logged, one parsed JSON object per line. */
  readonly logs: Record<string, any>[];
  /** GraphQL over HTTP as the service (API key). */
  readonly service: Gql;
  /** GraphQL over HTTP with any Authorization value (or none). */
  as(authorization: string | undefined): Gql;
  /** GraphQL over HTTP as an end user (HS256 token with `sub` = userId). */
  user(userId: string): Promise<Gql>;
  tokenFor(userId: string, expiresIn?: string | number): Promise<string>;
  /** A real graphql-ws client; closed by `stop()`. */
  ws(
    authorization: string | undefined,
    options?: { onClose?: (event: { code: number; reason: string }) => void },
  ): Client;
  stop(): Promise<void>;
}

/** Sends an Origin header, as a browser page on http://localhost would. */
class BrowserLikeWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { origin: 'http://localhost' });
  }
}

/**
 * Starts the whole service in-process on a random port with a database of its own.
 * `env` is read as the process environment would be (provider settings, queue tuning);
 * `overrides` replace parsed settings.
 */
export async function startTestBelfry(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
): Promise<TestBelfry> {
  // A second instance may share the first one's database (overrides.database); it then owns nothing to drop.
  const database = overrides.database
    ? { config: overrides.database, drop: async () => {} }
    : await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'belfry-test-'));
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const config: Config = {
    // Tests send bursts with one key or token from one address: limits are off unless a test sets them.
    ...loadConfig({
      DELIVERY_RETRY_DELAY_SECONDS: '1',
      DELIVERY_BACKEND_RETRY_MS: '20',
      RATE_LIMIT_SERVICE_PER_MINUTE: '0',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      WS_MAX_CONNECTIONS_PER_IP: '0',
      ...env,
    }),
    port: 0,
    host: '127.0.0.1',
    database: database.config,
    dataDir,
    apiKeys: [API_KEY],
    jwt: { secret: JWT_SECRET },
    secretKey: SECRET_KEY,
    production: false,
    logLevel: 'info',
    ...overrides,
  };
  const app = await startBelfry(config, createLogger(config.logLevel, sink));
  const clients: Client[] = [];

  const as =
    (authorization: string | undefined): Gql =>
    async (query, variables) => {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    };
  const tokenFor = (userId: string, expiresIn?: string | number) => signUserToken(JWT_SECRET, userId, expiresIn);

  let stopped = false;
  return {
    app,
    databaseConfig: database.config,
    url: app.url,
    wsUrl: `${app.url.replace('http', 'ws')}/graphql`,
    logs,
    service: as(`ApiKey ${API_KEY}`),
    as,
    user: async (userId) => as(`Bearer ${await tokenFor(userId)}`),
    tokenFor,
    ws(authorization, options = {}) {
      const client = createClient({
        url: `${app.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: BrowserLikeWebSocket,
        connectionParams: authorization ? { Authorization: authorization } : {},
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => {},
        on: { closed: (event) => options.onClose?.(event as { code: number; reason: string }) },
      });
      clients.push(client);
      return client;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(clients.map(async (client) => client.dispose()));
      await app.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

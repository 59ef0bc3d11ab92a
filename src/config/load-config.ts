import { resolve } from 'node:path';
import { parseSecretKey } from '../secrets/sealer.js';
import { loadInboxSettings } from './inbox-settings.js';
import { loadBackendsConfig, loadConfigFile } from './providers.js';
import { ConfigError, type Config, type JwtConfig, type Role } from './settings.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `DATA_DIR=memory://`: an embedded database in memory, and nothing written to disk. */
export const MEMORY_DATA_DIR = 'memory://';

/** Parses and validates the environment once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const inMemory = env.DATA_DIR?.trim() === MEMORY_DATA_DIR;
  const dataDir = inMemory ? MEMORY_DATA_DIR : resolve(env.DATA_DIR?.trim() || '.data');
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.split(':')[0]}:…")`,
    );
  }
  const logLevel = (env.LOG_LEVEL?.trim() || (isTrue(env.DEBUG) ? 'debug' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const jwt: JwtConfig = {
    secret: nonEmpty(env.JWT_SECRET),
    publicKey: nonEmpty(env.JWT_PUBLIC_KEY)?.replace(/\\n/g, '\n'),
    jwksUrl: nonEmpty(env.JWT_JWKS_URL),
    issuer: nonEmpty(env.JWT_ISSUER),
    audience: nonEmpty(env.JWT_AUDIENCE),
    allowNoExp: boolean(env, 'JWT_ALLOW_NO_EXP') ?? false,
  };
  if (jwt.secret && jwt.secret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit secret)');
  }
  if (jwt.publicKey && !jwt.publicKey.includes('BEGIN PUBLIC KEY')) {
    throw new ConfigError('JWT_PUBLIC_KEY must be a PEM public key ("-----BEGIN PUBLIC KEY-----…")');
  }
  const apiKeys = (env.API_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const shortKey = apiKeys.find((key) => key.length < 16);
  if (shortKey !== undefined) {
    throw new ConfigError('API_KEYS: every key must be at least 16 characters');
  }
  const secretKeyText = nonEmpty(env.SECRET_KEY);
  const secretKey = secretKeyText === undefined ? undefined : parseSecretKey(secretKeyText);
  if (secretKeyText !== undefined && !secretKey) {
    throw new ConfigError('SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (try: openssl rand -hex 32)');
  }
  const role = (env.BELFRY_ROLE?.trim() || 'all') as Role;
  if (!['all', 'api', 'worker'].includes(role))
    throw new ConfigError(`BELFRY_ROLE must be all, api or worker (got "${role}")`);
  return {
    role,
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || '0.0.0.0',
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: inMemory ? MEMORY_DATA_DIR : resolve(dataDir, 'pglite') },
    dataDir,
    apiKeys,
    jwt,
    secretKey,
    production: env.NODE_ENV === 'production',
    graphqlIntrospection: boolean(env, 'GRAPHQL_INTROSPECTION') ?? false,
    enablePages: boolean(env, 'ENABLE_PAGES'),
    metricsToken: metricsToken(env),
    publicUrl: publicUrl(env),
    backends: loadBackendsConfig(env),
    queue: {
      concurrency: integer(env, 'DELIVERY_CONCURRENCY', 8, 1, 256),
      retryLimit: integer(env, 'DELIVERY_RETRY_LIMIT', 5, 0, 50),
      retryDelaySeconds: integer(env, 'DELIVERY_RETRY_DELAY_SECONDS', 30, 1, 86_400),
      retryDelayMaxSeconds: integer(env, 'DELIVERY_RETRY_DELAY_MAX_SECONDS', 3600, 1, 7 * 86_400),
      expireInSeconds: integer(env, 'DELIVERY_TIMEOUT_SECONDS', 120, 1, 86_400),
      pollingIntervalSeconds: integer(env, 'DELIVERY_POLL_SECONDS', 1, 1, 60),
    },
    websocket: {
      connectionInitTimeoutMs: integer(env, 'WS_INIT_TIMEOUT_MS', 5_000, 100, 60_000),
      maxSubscriptionsPerConnection: integer(env, 'WS_MAX_SUBSCRIPTIONS', 20, 1, 1_000),
      keepAliveMs: integer(env, 'WS_KEEPALIVE_MS', 30_000, 1_000, 600_000),
      maxConnectionsPerIp: integer(env, 'WS_MAX_CONNECTIONS_PER_IP', 100, 0, 1_000_000),
      allowedOrigins: env.ALLOWED_ORIGINS?.trim()
        ? env.ALLOWED_ORIGINS.split(',')
            .map((origin) => origin.trim())
            .filter(Boolean)
        : undefined,
    },
    rateLimits: {
      servicePerMinute: integer(env, 'RATE_LIMIT_SERVICE_PER_MINUTE', 6000, 0, 10_000_000),
      userPerMinute: integer(env, 'RATE_LIMIT_USER_PER_MINUTE', 600, 0, 10_000_000),
    },
    failover: {
      attemptsPerBackend: integer(env, 'DELIVERY_ATTEMPTS_PER_BACKEND', 2, 1, 10),
      retryDelayMs: integer(env, 'DELIVERY_BACKEND_RETRY_MS', 500, 0, 60_000),
    },
    pushAllowPrivateEndpoints: boolean(env, 'PUSH_ALLOW_PRIVATE_ENDPOINTS') ?? false,
    webhooks: {
      allowPrivateTargets: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS') ?? false,
      retryBaseSeconds: integer(env, 'WEBHOOK_RETRY_BASE_SECONDS', 30, 1, 3600),
      retryLimit: integer(env, 'WEBHOOK_RETRY_LIMIT', 14, 0, 50),
    },
    inbox: loadInboxSettings(env, loadConfigFile(env).inbox, env.BELFRY_CONFIG?.trim()),
    logLevel,
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535 (got "${value}")`);
  }
  return port;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${text}")`);
  return value;
}

/** A true/false setting; undefined when unset. */
function boolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const text = env[name]?.trim().toLowerCase();
  if (!text) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]!.trim()}")`);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** METRICS_TOKEN: long enough not to be guessed (it guards an unauthenticated-looking route). */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  return token;
}

/** PUBLIC_URL: an absolute http(s) URL, kept without its trailing slash. */
function publicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.PUBLIC_URL?.trim();
  if (!value) return undefined;
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash)
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL such as https://belfry.example.com (got "${value}")`);
  return value.replace(/\/+$/, '');
}

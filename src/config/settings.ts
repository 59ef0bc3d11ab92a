// Configuration owns its types and its error: every module that is configured imports its
// settings type from here, and this file imports nothing of theirs (no import cycles).

/** Where Belfry keeps its data: a PostgreSQL server, or embedded PGlite in a folder. */
export type DatabaseConfig =
  { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

/** How user tokens are verified. At most one of `secret`, `publicKey`, `jwksUrl` is used, in that order. */
export interface JwtConfig {
  /** HS256 shared secret (`JWT_SECRET`). */
  readonly secret?: string;
  /** PEM SPKI public key for RS256 / ES256 (`JWT_PUBLIC_KEY`). */
  readonly publicKey?: string;
  /** JWKS endpoint of the app's identity provider (`JWT_JWKS_URL`). */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Accept user tokens without an `exp` claim (`JWT_ALLOW_NO_EXP`); refused by default. */
  readonly allowNoExp?: boolean;
}

/** What this process runs: the API, the delivery workers, or both (the default). */
export type Role = 'all' | 'api' | 'worker';

export interface Config {
  readonly role: Role;
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Folder for embedded data and generated development credentials. */
  readonly dataDir: string;
  /** API keys for service callers (`API_KEYS`, comma separated). */
  readonly apiKeys: readonly string[];
  readonly jwt: JwtConfig;
  /** 32-byte key that seals sensitive template data (`SECRET_KEY`); generated in development. */
  readonly secretKey?: Buffer;
  /** `NODE_ENV=production`: refuse to start without credentials instead of generating them. */
  readonly production: boolean;
  /** In production, API keys may introspect the schema (`GRAPHQL_INTROSPECTION`); user tokens never may. */
  readonly graphqlIntrospection?: boolean;
  /** Serve the demo bell and GraphiQL (`ENABLE_PAGES`); unset: in development only. */
  readonly enablePages?: boolean;
  /** Bearer token that /metrics requires (`METRICS_TOKEN`); without it, /metrics answers loopback clients only. */
  readonly metricsToken?: string;
  /**
   * Belfry's public base URL (`PUBLIC_URL`, no trailing slash), where providers and mail clients
   * reach it: Twilio status callbacks are sent to `<PUBLIC_URL>/webhooks/<backend>`.
   */
  readonly publicUrl?: string;
  readonly backends: BackendsConfig;
  readonly queue: QueueSettings;
  readonly failover: FailoverPolicy;
  readonly websocket: WebSocketLimits;
  /**
   * `PUSH_ALLOW_PRIVATE_ENDPOINTS=true`: Web Push endpoints may be on loopback, private,
   * link-local … addresses. For tests against local fakes only: with it, any user can make
   * the server connect to its own network.
   */
  readonly pushAllowPrivateEndpoints: boolean;
  /** Outbound webhooks (see webhooks/). */
  readonly webhooks: WebhookSettings;
  readonly rateLimits: RateLimitSettings;
  readonly inbox: InboxSettings;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** The in-app inbox's settings (the seed channel model's `retention_days`, `max_page_size`, `mark_read_on_fetch`). */
export interface InboxSettings {
  /**
   * Read or archived items older than this many days, and expired items, are deleted by a
   * recurring job (`INBOX_RETENTION_DAYS`, default 90). 0 keeps them forever (expired items
   * are still deleted).
   */
  readonly retentionDays: number;
  /** The largest page `notifications(first:)` and the REST `limit` accept (`INBOX_MAX_PAGE_SIZE`, default 100). */
  readonly maxPageSize: number;
  /** Listing the inbox marks the listed unread items read (`INBOX_MARK_READ_ON_FETCH`, default false). */
  readonly markReadOnFetch: boolean;
}

/** The inbox settings when none are configured. */
export const DEFAULT_INBOX_SETTINGS: InboxSettings = Object.freeze({
  retentionDays: 90,
  maxPageSize: 100,
  markReadOnFetch: false,
});

/** A configuration problem, with a message that says which variable to fix and how. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The durable delivery queue (pg-boss): retries, timeout and concurrency. */
export interface QueueSettings {
  /** Job-level retries after the first run (each run tries every backend). */
  readonly retryLimit: number;
  /** First delay between job runs, in seconds; doubles each time with jitter. */
  readonly retryDelaySeconds: number;
  readonly retryDelayMaxSeconds: number;
  /** A job active this long (a worker died mid-send) is retried. */
  readonly expireInSeconds: number;
  /** Jobs handled at once per channel in this process. */
  readonly concurrency: number;
  readonly pollingIntervalSeconds: number;
}

/** graphql-ws hygiene, the same for every connection. */
export interface WebSocketLimits {
  /** A socket that sends no connection_init within this time is closed (4408). */
  readonly connectionInitTimeoutMs: number;
  /** Running subscriptions one connection may hold. */
  readonly maxSubscriptionsPerConnection: number;
  /** Protocol-level ping interval; a socket that misses a pong is terminated. */
  readonly keepAliveMs: number;
  /** Open sockets one remote address may hold on this process; the next upgrade gets HTTP 429. 0 or absent: no cap. */
  readonly maxConnectionsPerIp?: number;
  /** When set, only these Origin headers (or any, with `*`) may open a socket (others get HTTP 403); clients that send none are let in. */
  readonly allowedOrigins?: readonly string[];
}

/** How hard one job run tries each provider (transport) before moving on. */
export interface FailoverPolicy {
  /** Calls to one transport before failing over (network errors, timeouts, 429, 5xx). */
  readonly attemptsPerBackend: number;
  /** First pause between calls to the same transport; doubles each time, with jitter. */
  readonly retryDelayMs: number;
}

/** Operations per minute each caller may run; 0 turns a limit off. */
export interface RateLimitSettings {
  /** Per API key (`RATE_LIMIT_SERVICE_PER_MINUTE`). */
  readonly servicePerMinute: number;
  /** Per user, i.e. per JWT `sub` whatever the token (`RATE_LIMIT_USER_PER_MINUTE`). */
  readonly userPerMinute: number;
}

/** The fields of a Google service-account key file that FCM needs. */
export interface ServiceAccount {
  readonly project_id: string;
  readonly client_email: string;
  readonly private_key: string;
  readonly token_uri?: string;
}

/** One configured provider backend, as read from the config file or the environment. */
export type BackendConfig =
  | {
      readonly name: string;
      readonly driver: 'mailgun';
      readonly apiKey: string;
      readonly domain: string;
      readonly url?: string;
      readonly from: string;
      /** Verifies the event webhooks Mailgun posts to /webhooks/<name> (receipts); without it they are refused. */
      readonly webhookSigningKey?: string;
    }
  | {
      readonly name: string;
      readonly driver: 'sendgrid';
      readonly apiKey: string;
      readonly from: string;
      /** The Event Webhook's verification key (base64, from SendGrid's mail settings); without it receipts are refused. */
      readonly webhookPublicKey?: string;
      /** SendGrid validates every message but delivers none (`mail_settings.sandbox_mode`). */
      readonly sandboxMode: boolean;
      /** Replaces https://api.sendgrid.com (the EU host, a proxy, or a local test server). */
      readonly url?: string;
    }
  | {
      readonly name: string;
      readonly driver: 'smtp';
      readonly url: string;
      readonly from: string;
      readonly ca?: string;
    }
  | {
      readonly name: string;
      readonly driver: 'twilio';
      readonly accountSid: string;
      readonly authToken: string;
      readonly from: string;
      readonly url?: string;
    }
  | {
      readonly name: string;
      readonly driver: 'web_push';
      readonly vapidPublicKey: string;
      readonly vapidPrivateKey: string;
      readonly subject: string;
      readonly ca?: string;
    }
  | { readonly name: string; readonly driver: 'fcm'; readonly serviceAccount: ServiceAccount; readonly url?: string }
  | { readonly name: string; readonly driver: 'log' }
  | {
      readonly name: string;
      readonly driver: 'apns';
      readonly key: string;
      readonly keyId: string;
      readonly teamId: string;
      readonly bundleId: string;
      readonly production: boolean;
      readonly url?: string;
      readonly ca?: string;
    };

/**
 * Backends per channel, in failover order (primary first). Empty: in development the channel
 * uses the log backend; in production its deliveries are SKIPPED with reason no_provider.
 */
export interface BackendsConfig {
  readonly email: readonly BackendConfig[];
  readonly sms: readonly BackendConfig[];
  readonly push: readonly BackendConfig[];
}

/** Outbound webhooks to the app. */
export interface WebhookSettings {
  /**
   * `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`: endpoints may be on loopback or private addresses
   * (and plain http in production). For tests and single private networks only.
   */
  readonly allowPrivateTargets: boolean;
  /** `WEBHOOK_RETRY_BASE_SECONDS` (default 30): the first retry's delay, doubled each time up to 4 h. */
  readonly retryBaseSeconds: number;
  /** `WEBHOOK_RETRY_LIMIT` (default 14: with the doubling, retries span about a day). */
  readonly retryLimit: number;
}

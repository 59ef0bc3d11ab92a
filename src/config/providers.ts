import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, type BackendConfig, type BackendsConfig, type ServiceAccount } from './settings.js';
import { at } from '../shared/at.js';

// `log` records what would have been sent, for a staging setup that must never reach a person.
const CHANNEL_DRIVERS = {
  email: ['mailgun', 'smtp', 'sendgrid', 'log'],
  sms: ['twilio', 'log'],
  push: ['web_push', 'fcm', 'apns', 'log'],
} as const;
type ChannelName = keyof typeof CHANNEL_DRIVERS;

/**
 * Reads provider backends: from the file named by BELFRY_CONFIG (YAML or JSON, `${ENV}`
 * substituted) for the channels it lists, and from plain environment variables for the rest.
 */
export function loadBackendsConfig(env: NodeJS.ProcessEnv = process.env): BackendsConfig {
  const file = loadConfigFile(env);
  const fromFile = (channel: ChannelName) => {
    const list = file[channel];
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) throw new ConfigError(`${channel} in ${env.BELFRY_CONFIG} must be a list of backends`);
    return inFailoverOrder(
      list.map((entry, index) => parseBackend(channel, entry, `${channel}[${index}]`)),
      list,
    );
  };
  return {
    email: fromFile('email') ?? emailFromEnv(env),
    sms: fromFile('sms') ?? smsFromEnv(env),
    push: fromFile('push') ?? pushFromEnv(env),
  };
}

/** The BELFRY_CONFIG file's top-level sections (`${ENV}` substituted); empty when it is not set. */
export function loadConfigFile(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  return env.BELFRY_CONFIG?.trim() ? readConfigFile(env.BELFRY_CONFIG.trim(), env) : {};
}

function readConfigFile(path: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`BELFRY_CONFIG: cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `BELFRY_CONFIG: ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`BELFRY_CONFIG: ${path} must hold a mapping with email, sms, push and/or inbox`);
  return substitute(parsed, env, '') as Record<string, unknown>;
}

/** Replaces `${NAME}` in every string with the environment variable; a missing one is an error naming it. */
function substitute(value: unknown, env: NodeJS.ProcessEnv, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const replacement = env[name];
      if (replacement === undefined) throw new ConfigError(`BELFRY_CONFIG: ${path} uses \${${name}}, which is not set`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => substitute(item, env, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, env, path ? `${path}.${key}` : key)]),
    );
  }
  return value;
}

function parseBackend(channel: ChannelName, entry: unknown, path: string): BackendConfig {
  if (!entry || typeof entry !== 'object') throw new ConfigError(`${path} must be a mapping`);
  const raw = entry as Record<string, unknown>;
  const text = (field: string, optional = false): string | undefined => {
    const value = raw[field];
    if (value === undefined || value === null || value === '') {
      if (optional) return undefined;
      throw new ConfigError(`${path}.${field} is required`);
    }
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new ConfigError(`${path}.${field} must be a string`);
    return String(value);
  };
  const fileOrText = (field: string, optional = false): string | undefined => {
    const fromFile = text(`${field}File`, true);
    if (fromFile) return readSecretFile(fromFile, `${path}.${field}File`);
    return text(field, optional);
  };
  const name = text('name')!;
  const driver = text('driver')!;
  if (!(CHANNEL_DRIVERS[channel] as readonly string[]).includes(driver)) {
    throw new ConfigError(`${path}.driver must be one of ${CHANNEL_DRIVERS[channel].join(', ')} (got "${driver}")`);
  }
  switch (driver) {
    case 'mailgun':
      return {
        name,
        driver,
        apiKey: text('apiKey')!,
        domain: text('domain')!,
        url: text('url', true) ?? regionUrl(text('region', true), path),
        from: text('from')!,
        webhookSigningKey: text('webhookSigningKey', true),
      };
    case 'smtp':
      return { name, driver, url: text('url')!, from: text('from')!, ca: fileOrText('ca', true) };
    case 'sendgrid':
      return {
        name,
        driver,
        apiKey: text('apiKey')!,
        from: text('from')!,
        sandboxMode: flag(raw.sandboxMode, `${path}.sandboxMode`),
        url: httpUrl(text('url', true), `${path}.url`),
        webhookPublicKey: text('webhookPublicKey', true),
      };
    case 'twilio':
      return {
        name,
        driver,
        accountSid: text('accountSid')!,
        authToken: text('authToken')!,
        from: text('from')!,
        url: text('url', true),
      };
    case 'web_push':
      return {
        name,
        driver,
        vapidPublicKey: text('vapidPublicKey')!,
        vapidPrivateKey: text('vapidPrivateKey')!,
        subject: text('subject')!,
        ca: fileOrText('ca', true),
      };
    case 'fcm':
      return {
        name,
        driver,
        serviceAccount: parseServiceAccount(fileOrText('serviceAccount')!, `${path}.serviceAccount`),
        url: text('url', true),
      };
    case 'log':
      return { name, driver };
    default:
      return {
        name,
        driver: 'apns',
        key: fileOrText('key')!.replace(/\\n/g, '\n'),
        keyId: text('keyId')!,
        teamId: text('teamId')!,
        bundleId: text('bundleId')!,
        production: raw.production === true || raw.production === 'true',
        url: text('url', true),
        ca: fileOrText('ca', true),
      };
  }
}

function inFailoverOrder(backends: BackendConfig[], raw: unknown[]): BackendConfig[] {
  const primaries = raw
    .map((entry, index) => ((entry as { primary?: unknown }).primary === true ? index : -1))
    .filter((index) => index >= 0);
  if (primaries.length > 1)
    throw new ConfigError(
      `only one backend per channel may be primary (${primaries.map((index) => at(backends, index, 'backend').name).join(', ')})`,
    );
  const names = new Set<string>();
  for (const backend of backends) {
    if (names.has(backend.name)) throw new ConfigError(`backend name "${backend.name}" is used twice`);
    names.add(backend.name);
  }
  const [primary] = primaries;
  if (primary === undefined) return backends;
  return [at(backends, primary, 'backend'), ...backends.filter((_backend, index) => index !== primary)];
}

/** Extra CA certificates (PEM) trusted for SMTP, Web Push and APNs connections: PROVIDER_CA or PROVIDER_CA_FILE. */
function providerCa(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PROVIDER_CA_FILE) return readSecretFile(env.PROVIDER_CA_FILE, 'PROVIDER_CA_FILE');
  return env.PROVIDER_CA?.trim() || undefined;
}

function emailFromEnv(env: NodeJS.ProcessEnv): BackendConfig[] {
  const backends: BackendConfig[] = [];
  const from = env.FROM_EMAIL?.trim();
  if (env.MAILGUN_API_KEY || env.MAILGUN_DOMAIN) {
    if (!env.MAILGUN_API_KEY || !env.MAILGUN_DOMAIN || !from)
      throw new ConfigError('Mailgun needs MAILGUN_API_KEY, MAILGUN_DOMAIN and FROM_EMAIL');
    backends.push({
      name: 'mailgun',
      driver: 'mailgun',
      apiKey: env.MAILGUN_API_KEY,
      domain: env.MAILGUN_DOMAIN,
      url: env.MAILGUN_URL?.trim() || regionUrl(env.MAILGUN_REGION, 'MAILGUN_REGION'),
      from,
      webhookSigningKey: env.MAILGUN_WEBHOOK_SIGNING_KEY?.trim() || undefined,
    });
  }
  if (env.SMTP_URL) {
    if (!from) throw new ConfigError('SMTP_URL needs FROM_EMAIL');
    backends.push({ name: 'smtp', driver: 'smtp', url: env.SMTP_URL, from, ca: providerCa(env) });
  }
  const sendgrid = sendgridFromEnv(env, from);
  if (sendgrid) backends.push(sendgrid);
  return backends;
}

/** SendGrid comes after Mailgun and SMTP: set beside them, it is the last fallback. */
function sendgridFromEnv(env: NodeJS.ProcessEnv, from: string | undefined): BackendConfig | undefined {
  const apiKey = env.SENDGRID_API_KEY?.trim();
  if (!apiKey) {
    for (const name of ['SENDGRID_SANDBOX', 'SENDGRID_URL'] as const) {
      if (env[name]?.trim()) throw new ConfigError(`${name} is set but SENDGRID_API_KEY is not`);
    }
    return undefined;
  }
  if (!from) throw new ConfigError('SendGrid needs SENDGRID_API_KEY and FROM_EMAIL');
  return {
    name: 'sendgrid',
    driver: 'sendgrid',
    apiKey,
    from,
    sandboxMode: flag(env.SENDGRID_SANDBOX?.trim() || undefined, 'SENDGRID_SANDBOX'),
    url: httpUrl(env.SENDGRID_URL?.trim() || undefined, 'SENDGRID_URL'),
    webhookPublicKey: env.SENDGRID_WEBHOOK_PUBLIC_KEY?.trim() || undefined,
  };
}

function smsFromEnv(env: NodeJS.ProcessEnv): BackendConfig[] {
  if (!env.TWILIO_ACCOUNT_SID && !env.TWILIO_AUTH_TOKEN) return [];
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN || !env.TWILIO_FROM)
    throw new ConfigError('Twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM');
  return [
    {
      name: 'twilio',
      driver: 'twilio',
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      from: env.TWILIO_FROM,
      url: env.TWILIO_URL?.trim() || undefined,
    },
  ];
}

function pushFromEnv(env: NodeJS.ProcessEnv): BackendConfig[] {
  const backends: BackendConfig[] = [];
  if (env.VAPID_PUBLIC_KEY || env.VAPID_PRIVATE_KEY) {
    if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY || !env.VAPID_SUBJECT)
      throw new ConfigError('Web Push needs VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT (mailto: or https:)');
    backends.push({
      name: 'web-push',
      driver: 'web_push',
      vapidPublicKey: env.VAPID_PUBLIC_KEY,
      vapidPrivateKey: env.VAPID_PRIVATE_KEY,
      subject: env.VAPID_SUBJECT,
      ca: providerCa(env),
    });
  }
  const serviceAccount = env.FCM_SERVICE_ACCOUNT_FILE
    ? readSecretFile(env.FCM_SERVICE_ACCOUNT_FILE, 'FCM_SERVICE_ACCOUNT_FILE')
    : env.FCM_SERVICE_ACCOUNT;
  if (serviceAccount) {
    backends.push({
      name: 'fcm',
      driver: 'fcm',
      serviceAccount: parseServiceAccount(serviceAccount, 'FCM_SERVICE_ACCOUNT'),
      url: env.FCM_URL?.trim() || undefined,
    });
  }
  const apnsKey = env.APNS_KEY_FILE ? readSecretFile(env.APNS_KEY_FILE, 'APNS_KEY_FILE') : env.APNS_KEY;
  if (apnsKey) {
    if (!env.APNS_KEY_ID || !env.APNS_TEAM_ID || !env.APNS_BUNDLE_ID)
      throw new ConfigError('APNs needs APNS_KEY (or APNS_KEY_FILE), APNS_KEY_ID, APNS_TEAM_ID and APNS_BUNDLE_ID');
    backends.push({
      name: 'apns',
      driver: 'apns',
      key: apnsKey.replace(/\\n/g, '\n'),
      keyId: env.APNS_KEY_ID,
      teamId: env.APNS_TEAM_ID,
      bundleId: env.APNS_BUNDLE_ID,
      production: env.APNS_PRODUCTION === 'true',
      url: env.APNS_URL?.trim() || undefined,
      ca: providerCa(env),
    });
  }
  return backends;
}

/** `true` / `false` (a YAML boolean or the string); absent is false; anything else is an error naming `path`. */
function flag(value: unknown, path: string): boolean {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new ConfigError(`${path} must be true or false (got ${JSON.stringify(value)})`);
}

/** An http(s) base URL, or undefined; anything else is an error naming `path`. */
function httpUrl(value: string | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new ConfigError(`${path} must be an http(s) URL such as https://api.eu.sendgrid.com (got "${value}")`);
  return value;
}

function regionUrl(region: string | undefined, path: string): string | undefined {
  if (region === undefined || region === '' || region === 'us') return undefined;
  if (region === 'eu') return 'https://api.eu.mailgun.net';
  throw new ConfigError(`${path}: region must be us or eu (got "${region}")`);
}

function parseServiceAccount(text: string, path: string): ServiceAccount {
  let account: Partial<ServiceAccount>;
  try {
    account = JSON.parse(text) as Partial<ServiceAccount>;
  } catch {
    throw new ConfigError(`${path} must be the service account JSON (or use the …_FILE variant with its path)`);
  }
  if (!account.project_id || !account.client_email || !account.private_key)
    throw new ConfigError(`${path} lacks project_id, client_email or private_key`);
  return account as ServiceAccount;
}

function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${what}: cannot read ${path}: ${(error as Error).message}`);
  }
}

import type { Logger } from '../logger.js';
import { PushTargetKind } from '../shared/enums.js';
import type { BackendConfig, BackendsConfig } from '../config/settings.js';
import { MailgunAdapter } from './email/mailgun.adapter.js';
import { SendGridAdapter } from './email/sendgrid.adapter.js';
import { SmtpAdapter } from './email/smtp.adapter.js';
import { LogOutbox } from './log.adapter.js';
import type { EmailTransport, PushTransport, SmsTransport } from './ports.js';
import { ApnsAdapter } from './push/apns.adapter.js';
import { FcmAdapter } from './push/fcm.adapter.js';
import { WebPushAdapter } from './push/web-push.adapter.js';
import { TwilioAdapter } from './sms/twilio.adapter.js';

/** Every transport the workers send through, one per configured provider, in failover order per channel. */
export interface ChannelTransports {
  readonly email: readonly EmailTransport[];
  readonly sms: readonly SmsTransport[];
  /** Per push target kind. */
  readonly push: ReadonlyMap<PushTargetKind, readonly PushTransport[]>;
  /** What the log backend recorded (in development, channels with no provider configured). */
  readonly outbox: LogOutbox;
  close(): Promise<void>;
}

/**
 * Builds the adapters (one per configured provider) once. A channel with no provider configured gets the log backend in
 * development; in production it gets none (its deliveries are SKIPPED no_provider) and a
 * warning at start-up. A config file may name `driver: log` explicitly, in any mode.
 */
export function createTransports(
  config: BackendsConfig,
  logger: Logger,
  options: { production: boolean; allowPrivatePushEndpoints?: boolean; publicUrl?: string },
): ChannelTransports {
  const outbox = new LogOutbox(logger);
  const email = config.email.map((backend) =>
    backend.driver === 'log' ? outbox.email(backend.name) : emailTransport(backend),
  );
  const sms = config.sms.map((backend) =>
    backend.driver === 'log' ? outbox.sms(backend.name) : smsTransport(backend, options.publicUrl),
  );
  const pushTransports = config.push
    .filter((backend) => backend.driver !== 'log')
    .map((backend) => pushTransport(backend, options.allowPrivatePushEndpoints ?? false));
  const pushLog = config.push.find((backend) => backend.driver === 'log');
  // Development stands in for every missing provider; production only where the operator said so.
  const fallback = options.production ? undefined : 'log';
  const push = new Map<PushTargetKind, PushTransport[]>();
  for (const kind of Object.values(PushTargetKind)) {
    const ofKind = pushTransports.filter((transport) => transport.kind === kind);
    const logName = pushLog?.name ?? (config.push.length ? undefined : fallback);
    push.set(kind, ofKind.length ? ofKind : logName ? [outbox.push(kind, logName)] : []);
  }
  const channels = {
    email: email.length ? email : fallback ? [outbox.email()] : [],
    sms: sms.length ? sms : fallback ? [outbox.sms()] : [],
  };
  const pushNames = [...new Set([...push.values()].flat().map((transport) => transport.name))];
  logger.info(
    {
      email: names(channels.email) ?? 'none',
      sms: names(channels.sms) ?? 'none',
      push: pushNames.join(', ') || 'none',
    },
    'delivery backends',
  );
  for (const [channel, transports] of Object.entries({ ...channels, push: pushNames })) {
    if (!transports.length)
      logger.warn(
        { channel },
        `no ${channel} provider is configured: ${channel} deliveries will be SKIPPED with reason no_provider`,
      );
  }
  for (const backend of config.email) {
    if (backend.driver === 'sendgrid' && backend.sandboxMode)
      logger.warn(
        { backend: backend.name },
        'SendGrid sandbox mode: email through this backend is validated by SendGrid and never delivered',
      );
  }
  const all = [...email, ...sms, ...pushTransports];
  return {
    ...channels,
    push,
    outbox,
    async close() {
      await Promise.all(all.map(async (transport) => transport.close?.()));
    },
  };
}

function names(transports: readonly { name: string }[]): string | undefined {
  return transports.length ? transports.map((transport) => transport.name).join(' → ') : undefined;
}

function emailTransport(config: BackendConfig): EmailTransport {
  if (config.driver === 'mailgun') return new MailgunAdapter(config.name, config);
  if (config.driver === 'smtp') return new SmtpAdapter(config.name, config);
  if (config.driver === 'sendgrid') return new SendGridAdapter(config.name, config);
  throw new Error(`${config.driver} is not an email driver`);
}

function smsTransport(config: BackendConfig, publicUrl: string | undefined): SmsTransport {
  if (config.driver === 'twilio')
    return new TwilioAdapter(config.name, {
      ...config,
      statusCallback: publicUrl ? statusCallbackUrl(publicUrl, config.name) : undefined,
    });
  throw new Error(`${config.driver} is not an SMS driver`);
}

function pushTransport(config: BackendConfig, allowPrivateEndpoints: boolean): PushTransport {
  switch (config.driver) {
    case 'web_push':
      return new WebPushAdapter(config.name, { ...config, allowPrivateEndpoints });
    case 'fcm':
      return new FcmAdapter(config.name, config);
    case 'apns':
      return new ApnsAdapter(config.name, config);
    default:
      throw new Error(`${config.driver} is not a push driver`);
  }
}

/** Where a backend's receipts arrive: `<PUBLIC_URL>/webhooks/<backend name>` (what its signature is computed over). */
export function statusCallbackUrl(publicUrl: string, backend: string): string {
  return `${publicUrl}/webhooks/${encodeURIComponent(backend)}`;
}

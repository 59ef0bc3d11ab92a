import type { Logger } from '../logger.js';
import { PushTargetKind } from '../shared/enums.js';
import type { BackendConfig, BackendsConfig } from './backend-config.js';
import { MailgunAdapter } from './email/mailgun.adapter.js';
import { SmtpAdapter } from './email/smtp.adapter.js';
import { LogOutbox } from './log.adapter.js';
import type { EmailTransport, PushTransport, SmsTransport } from './ports.js';
import { ApnsAdapter } from './push/apns.adapter.js';
import { FcmAdapter } from './push/fcm.adapter.js';
import { WebPushAdapter } from './push/web-push.adapter.js';
import { TwilioAdapter } from './sms/twilio.adapter.js';

/** Every transport the workers send through, in failover order per channel. */
export interface ChannelBackends {
  readonly email: readonly EmailTransport[];
  readonly sms: readonly SmsTransport[];
  /** Per push target kind. */
  readonly push: ReadonlyMap<PushTargetKind, readonly PushTransport[]>;
  /** What the log backend recorded (channels with no provider configured). */
  readonly outbox: LogOutbox;
  close(): Promise<void>;
}

/** Builds the adapters once; a channel with no backend configured gets the log backend. */
export function createChannelBackends(config: BackendsConfig, logger: Logger, options: { allowPrivatePushEndpoints?: boolean } = {}): ChannelBackends {
  const outbox = new LogOutbox(logger);
  const email = config.email.map(emailTransport);
  const sms = config.sms.map(smsTransport);
  const pushTransports = config.push.map((backend) => pushTransport(backend, options.allowPrivatePushEndpoints ?? false));
  const push = new Map<PushTargetKind, PushTransport[]>();
  for (const kind of Object.values(PushTargetKind)) {
    const ofKind = pushTransports.filter((transport) => transport.kind === kind);
    push.set(kind, ofKind.length ? ofKind : config.push.length ? [] : [outbox.push(kind)]);
  }
  const all = [...email, ...sms, ...pushTransports];
  logger.info(
    { email: names(email) ?? 'log', sms: names(sms) ?? 'log', push: names(pushTransports) ?? 'log' },
    'delivery backends',
  );
  return {
    email: email.length ? email : [outbox.email()],
    sms: sms.length ? sms : [outbox.sms()],
    push,
    outbox,
    async close() {
      await Promise.all(all.map((transport) => transport.close?.()));
    },
  };
}

function names(transports: readonly { name: string }[]): string | undefined {
  return transports.length ? transports.map((transport) => transport.name).join(' → ') : undefined;
}

function emailTransport(config: BackendConfig): EmailTransport {
  if (config.driver === 'mailgun') return new MailgunAdapter(config.name, config);
  if (config.driver === 'smtp') return new SmtpAdapter(config.name, config);
  throw new Error(`${config.driver} is not an email driver`);
}

function smsTransport(config: BackendConfig): SmsTransport {
  if (config.driver === 'twilio') return new TwilioAdapter(config.name, config);
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

import type { ChannelTransports } from './transports.js';
import { EmailChannel } from './email.channel.js';
import { PushChannel } from './push.channel.js';
import { SmsChannel } from './sms.channel.js';
import type { FailoverPolicy } from '../config/settings.js';

/** The outbound channels a delivery worker sends through. */
export interface Channels {
  readonly email: EmailChannel;
  readonly sms: SmsChannel;
  readonly push: PushChannel;
}

/** One channel per outbound kind over the configured transports, all under the same failover policy. */
export function createChannels(transports: ChannelTransports, policy: FailoverPolicy): Channels {
  return {
    email: new EmailChannel(transports.email, policy),
    sms: new SmsChannel(transports.sms, policy),
    push: new PushChannel(transports.push, policy),
  };
}

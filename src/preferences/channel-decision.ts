import { Category, Channel } from '../shared/enums.js';
import { categoryToggle, masterToggle, type PreferenceField, type PreferenceFlags } from './preference-fields.js';

/** Whether one channel of one notification goes out, and if not, why. */
export type ChannelDecision = { readonly send: true } | { readonly send: false; readonly reason: string };

/** What the decision looks at besides preferences: can the channel reach the user at all? */
export interface Reachability {
  readonly hasEmail: boolean;
  readonly hasPhone: boolean;
  readonly hasPushTarget: boolean;
  /** The address is suppressed (a hard bounce, a complaint, an opt-out): nothing goes to it, critical or not. */
  readonly emailSuppressed?: boolean;
  readonly phoneSuppressed?: boolean;
}

/**
 * The one decision every send goes through: the channel's master toggle, then the
 * category toggle, then the user's choice for the template (if the send is of one); a
 * critical notification skips all three. A channel with no address, or a suppressed one,
 * is skipped whatever the preferences say (critical or not: a bounced address bounces again).
 */
export function decideChannel(input: {
  channel: Channel;
  category: Category;
  critical: boolean;
  preferences: PreferenceFlags;
  reach: Reachability;
  /** The template sent, when the user turned it off on this channel (setTemplatePreference). */
  templateOff?: string | null;
}): ChannelDecision {
  const { channel, category, critical, preferences, reach, templateOff } = input;
  if (!critical) {
    const master = masterToggle(channel);
    if (!flag(preferences, master)) return { send: false, reason: `preference_off:${master}` };
    const toggle = categoryToggle(channel, category);
    if (!flag(preferences, toggle)) return { send: false, reason: `preference_off:${toggle}` };
    if (templateOff) return { send: false, reason: `preference_off:template:${templateOff}` };
  }
  if (channel === Channel.EMAIL && !reach.hasEmail) return { send: false, reason: 'no_email_address' };
  if (channel === Channel.SMS && !reach.hasPhone) return { send: false, reason: 'no_phone_number' };
  if (channel === Channel.PUSH && !reach.hasPushTarget) return { send: false, reason: 'no_push_target' };
  if (channel === Channel.EMAIL && reach.emailSuppressed) return { send: false, reason: 'suppressed' };
  if (channel === Channel.SMS && reach.phoneSuppressed) return { send: false, reason: 'suppressed' };
  return { send: true };
}

/**
 * The flag's value. A flag missing from `preferences` (a name the flags were not built
 * from) throws rather than reading as "not off": an unknown flag must never let a channel
 * send that the user may have turned off.
 */
function flag(preferences: PreferenceFlags, name: PreferenceField): boolean {
  const value: unknown = preferences[name];
  if (typeof value !== 'boolean') throw new Error(`unknown preference flag: ${name}`);
  return value;
}

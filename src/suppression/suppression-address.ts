import { BadUserInputError } from '../shared/errors.js';
import { Channel } from '../shared/enums.js';

/** The channels whose addresses can be suppressed: the ones with an address of their own. */
export const SUPPRESSIBLE = [Channel.EMAIL, Channel.SMS] as const;
export type SuppressibleChannel = (typeof SUPPRESSIBLE)[number];

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * An address as suppressions store and compare it: email lower-cased and trimmed (mailbox
 * providers treat the local part case-insensitively in practice), phone numbers in E.164
 * with spaces, dashes, dots and brackets removed. Throws BAD_USER_INPUT naming `field`.
 */
export function normalizeAddress(channel: Channel, address: string, field = 'address'): string {
  if (channel === Channel.EMAIL) {
    const email = address.trim().toLowerCase();
    if (email.length > 320 || !EMAIL.test(email))
      throw new BadUserInputError(`${field} is not an email address`, [field]);
    return email;
  }
  if (channel === Channel.SMS) {
    const phone = address.replace(/[\s\-.()]/g, '');
    if (!E164.test(phone))
      throw new BadUserInputError(`${field} must be a phone number in E.164 (+14155550123)`, [field]);
    return phone;
  }
  throw new BadUserInputError(`only EMAIL and SMS addresses can be suppressed (got ${channel.toUpperCase()})`, [
    'channel',
  ]);
}

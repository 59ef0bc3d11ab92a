import { Category, Channel } from '../shared/enums.js';

/** Field-name stem of each channel in the seed's flat preference shape (emailX, inAppX, smsX, pushX). */
export const CHANNEL_STEM: Readonly<Record<Channel, string>> = {
  [Channel.EMAIL]: 'email',
  [Channel.IN_APP]: 'inApp',
  [Channel.SMS]: 'sms',
  [Channel.PUSH]: 'push',
};

const CATEGORY_SUFFIX: Readonly<Record<Category, string>> = {
  [Category.ACCOUNT]: 'Account',
  [Category.VERIFICATION]: 'Verification',
  [Category.SECURITY]: 'Security',
  [Category.BILLING]: 'Billing',
  [Category.MARKETING]: 'Marketing',
  [Category.SYSTEM]: 'System',
  [Category.SUPPORT]: 'Support',
};

/** `emailEnabled`, `inAppEnabled`, …: the master toggle of a channel. */
export function masterToggle(channel: Channel): string {
  return `${CHANNEL_STEM[channel]}Enabled`;
}

/** `emailBilling`, `pushSecurity`, …: the toggle of one category on one channel. */
export function categoryToggle(channel: Channel, category: Category): string {
  return `${CHANNEL_STEM[channel]}${CATEGORY_SUFFIX[category]}`;
}

/** Every preference flag with its default: all on, except marketing. */
export const PREFERENCE_DEFAULTS: Readonly<Record<string, boolean>> = Object.fromEntries(
  Object.values(Channel).flatMap((channel) => [
    [masterToggle(channel), true],
    ...Object.values(Category).map((category) => [categoryToggle(channel, category), category !== Category.MARKETING]),
  ]),
);

export const PREFERENCE_FIELDS: readonly string[] = Object.keys(PREFERENCE_DEFAULTS);

export type PreferenceFlags = Readonly<Record<string, boolean>>;

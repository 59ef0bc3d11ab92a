import { Category, Channel } from '../shared/enums.js';

// The one source of the preference flags. The entity's columns (preference.entity.ts), the
// GraphQL type and input (preference.types.ts), the stored-flags query and the channel
// decision are all derived from these two tables, and the flag names are literal types:
// a misspelt flag is a compile error, not a lookup that reads `undefined`.

/** Field-name stem of each channel in the seed's flat preference shape (emailX, inAppX, smsX, pushX). */
export const CHANNEL_STEM = {
  [Channel.EMAIL]: 'email',
  [Channel.IN_APP]: 'inApp',
  [Channel.SMS]: 'sms',
  [Channel.PUSH]: 'push',
} as const satisfies Readonly<Record<Channel, string>>;

/** Field-name suffix of each category, and whether its toggle is on until the user changes it. */
export const CATEGORY_TOGGLES = {
  [Category.ACCOUNT]: { suffix: 'Account', default: true },
  [Category.VERIFICATION]: { suffix: 'Verification', default: true },
  [Category.SECURITY]: { suffix: 'Security', default: true },
  [Category.BILLING]: { suffix: 'Billing', default: true },
  [Category.MARKETING]: { suffix: 'Marketing', default: false },
  [Category.SYSTEM]: { suffix: 'System', default: true },
  [Category.SUPPORT]: { suffix: 'Support', default: true },
} as const satisfies Readonly<Record<Category, { readonly suffix: string; readonly default: boolean }>>;

type Stem<C extends Channel> = (typeof CHANNEL_STEM)[C];
type Suffix<K extends Category> = (typeof CATEGORY_TOGGLES)[K]['suffix'];

/** `emailEnabled`, `inAppEnabled`, …: a channel's master toggle. */
export type MasterToggle<C extends Channel = Channel> = `${Stem<C>}Enabled`;
/** `emailBilling`, `pushSecurity`, …: one category's toggle on one channel. */
export type CategoryToggle<C extends Channel = Channel, K extends Category = Category> = `${Stem<C>}${Suffix<K>}`;
/** Every preference flag's name. */
export type PreferenceField = MasterToggle | CategoryToggle;
/** One value for every flag. */
export type PreferenceFlags = Readonly<Record<PreferenceField, boolean>>;

/** `emailEnabled`, `inAppEnabled`, …: the master toggle of a channel. */
export function masterToggle<C extends Channel>(channel: C): MasterToggle<C> {
  return `${CHANNEL_STEM[channel]}Enabled`;
}

/** `emailBilling`, `pushSecurity`, …: the toggle of one category on one channel. */
export function categoryToggle<C extends Channel, K extends Category>(channel: C, category: K): CategoryToggle<C, K> {
  return `${CHANNEL_STEM[channel]}${CATEGORY_TOGGLES[category].suffix}` as CategoryToggle<C, K>;
}

/** Every preference flag with its default: all on, except marketing. In entity column order. */
export const PREFERENCE_DEFAULTS: PreferenceFlags = Object.freeze(
  Object.fromEntries(
    Object.values(Channel).flatMap((channel) => [
      [masterToggle(channel), true],
      ...Object.values(Category).map((category) => [
        categoryToggle(channel, category),
        CATEGORY_TOGGLES[category].default,
      ]),
    ]),
  ) as Record<PreferenceField, boolean>,
);

/** Every preference flag's name, in entity column order. */
export const PREFERENCE_FIELDS: readonly PreferenceField[] = Object.freeze(
  Object.keys(PREFERENCE_DEFAULTS) as PreferenceField[],
);

/** True when `name` is a preference flag (for names that arrive as plain strings). */
export function isPreferenceField(name: string): name is PreferenceField {
  return Object.hasOwn(PREFERENCE_DEFAULTS, name);
}

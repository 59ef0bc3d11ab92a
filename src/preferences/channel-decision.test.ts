import { describe, expect, it } from 'vitest';
import { Category, Channel } from '../shared/enums.js';
import { decideChannel } from './channel-decision.js';
import { PREFERENCE_DEFAULTS } from './preference-fields.js';

const reachable = { hasEmail: true, hasPhone: true, hasPushTarget: true };
const decide = (
  channel: Channel,
  category: Category,
  overrides: Record<string, boolean> = {},
  critical = false,
  reach = reachable,
) => decideChannel({ channel, category, critical, preferences: { ...PREFERENCE_DEFAULTS, ...overrides }, reach });

describe('the channel decision', () => {
  it('sends by default, except marketing', () => {
    expect(decide(Channel.EMAIL, Category.BILLING)).toEqual({ send: true });
    expect(decide(Channel.IN_APP, Category.MARKETING)).toEqual({
      send: false,
      reason: 'preference_off:inAppMarketing',
    });
  });

  it('checks the master toggle before the category toggle', () => {
    expect(decide(Channel.EMAIL, Category.SECURITY, { emailEnabled: false, emailSecurity: false })).toEqual({
      send: false,
      reason: 'preference_off:emailEnabled',
    });
    expect(decide(Channel.PUSH, Category.SECURITY, { pushSecurity: false })).toEqual({
      send: false,
      reason: 'preference_off:pushSecurity',
    });
    expect(decide(Channel.SMS, Category.SECURITY, { pushSecurity: false })).toEqual({ send: true });
  });

  it('lets a critical notification through every preference, but not past a missing address', () => {
    expect(decide(Channel.EMAIL, Category.SECURITY, { emailEnabled: false, emailSecurity: false }, true)).toEqual({
      send: true,
    });
    expect(
      decide(Channel.EMAIL, Category.SECURITY, { emailEnabled: false }, true, { ...reachable, hasEmail: false }),
    ).toEqual({ send: false, reason: 'no_email_address' });
  });

  it('skips a template the user turned off, after the flags, unless it is critical', () => {
    const base = {
      channel: Channel.EMAIL,
      category: Category.ACCOUNT,
      preferences: PREFERENCE_DEFAULTS,
      reach: reachable,
    };
    expect(decideChannel({ ...base, critical: false, templateOff: 'welcome' })).toEqual({
      send: false,
      reason: 'preference_off:template:welcome',
    });
    expect(decideChannel({ ...base, critical: true, templateOff: 'welcome' })).toEqual({ send: true });
    expect(decideChannel({ ...base, critical: false, templateOff: null })).toEqual({ send: true });
    // The flags come first: their reason names the flag.
    expect(
      decideChannel({
        ...base,
        critical: false,
        templateOff: 'welcome',
        preferences: { ...PREFERENCE_DEFAULTS, emailEnabled: false },
      }),
    ).toEqual({ send: false, reason: 'preference_off:emailEnabled' });
  });

  it('names the missing address for each channel', () => {
    const nothing = { hasEmail: false, hasPhone: false, hasPushTarget: false };
    expect(decide(Channel.EMAIL, Category.ACCOUNT, {}, false, nothing)).toEqual({
      send: false,
      reason: 'no_email_address',
    });
    expect(decide(Channel.SMS, Category.ACCOUNT, {}, false, nothing)).toEqual({
      send: false,
      reason: 'no_phone_number',
    });
    expect(decide(Channel.PUSH, Category.ACCOUNT, {}, false, nothing)).toEqual({
      send: false,
      reason: 'no_push_target',
    });
    expect(decide(Channel.IN_APP, Category.ACCOUNT, {}, false, nothing)).toEqual({ send: true });
  });

  it('refuses a flag missing from the preferences rather than sending', () => {
    const { emailBilling: _dropped, ...withoutEmailBilling } = PREFERENCE_DEFAULTS;
    const preferences = withoutEmailBilling as typeof PREFERENCE_DEFAULTS;
    expect(() =>
      decideChannel({
        channel: Channel.EMAIL,
        category: Category.BILLING,
        critical: false,
        preferences,
        reach: reachable,
      }),
    ).toThrow('unknown preference flag: emailBilling');
    expect(
      decideChannel({
        channel: Channel.EMAIL,
        category: Category.SECURITY,
        critical: false,
        preferences,
        reach: reachable,
      }),
    ).toEqual({ send: true });
  });
});

import { describe, expect, it } from 'vitest';
import { preferencesBody } from './rest-preferences.js';
import { toSnakeCase } from './rest-shapes.js';

describe('the seed’s preference body', () => {
  it('maps snake_case flags to Belfry’s, in_app included', () => {
    expect(
      preferencesBody({ email_enabled: true, email_marketing: false, in_app_enabled: true, push_enabled: true }),
    ).toEqual({
      emailEnabled: true,
      emailMarketing: false,
      inAppEnabled: true,
      pushEnabled: true,
    });
    expect(preferencesBody({ in_app_security: false, sms_support: true })).toEqual({
      inAppSecurity: false,
      smsSupport: true,
    });
  });

  it('refuses unknown flags and values that are not booleans, naming them', () => {
    expect(() => preferencesBody({ emailEnabled: true })).toThrow(/Unknown preference fields: emailEnabled/);
    expect(() => preferencesBody({ email_enabled: 'yes', push_enabled: null })).toThrow(
      /must be true or false: email_enabled, push_enabled/,
    );
  });

  it('spells field names as the seed does', () => {
    expect(toSnakeCase('inAppEnabled')).toBe('in_app_enabled');
    expect(toSnakeCase('actionUrl')).toBe('action_url');
    expect(toSnakeCase('user_id')).toBe('user_id');
  });
});

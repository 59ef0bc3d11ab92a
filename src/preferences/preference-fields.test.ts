import { describe, expect, it } from 'vitest';
import { Category, Channel } from '../shared/enums.js';
import { Preference } from './preference.entity.js';
import {
  categoryToggle,
  isPreferenceField,
  masterToggle,
  PREFERENCE_DEFAULTS,
  PREFERENCE_FIELDS,
} from './preference-fields.js';

describe('the preference flags', () => {
  it('are a master toggle per channel and a toggle per channel × category, on except marketing', () => {
    expect(PREFERENCE_FIELDS).toHaveLength(Object.values(Channel).length * (1 + Object.values(Category).length));
    expect(new Set(PREFERENCE_FIELDS).size).toBe(PREFERENCE_FIELDS.length);
    expect(masterToggle(Channel.IN_APP)).toBe('inAppEnabled');
    expect(categoryToggle(Channel.PUSH, Category.SECURITY)).toBe('pushSecurity');
    expect(PREFERENCE_FIELDS.filter((field) => !PREFERENCE_DEFAULTS[field]).sort()).toEqual([
      'emailMarketing',
      'inAppMarketing',
      'pushMarketing',
      'smsMarketing',
    ]);
    expect(isPreferenceField('emailBilling')).toBe(true);
    expect(isPreferenceField('emialBilling')).toBe(false);
  });

  it('are the properties of a new Preference, each at its default', () => {
    const preference = new Preference();
    for (const field of PREFERENCE_FIELDS) expect(preference[field], field).toBe(PREFERENCE_DEFAULTS[field]);
  });
});

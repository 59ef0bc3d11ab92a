import { describe, expect, it } from 'vitest';
import { filterOf, hasAnyTag } from '../client/create-client.js';
import { stringsFor } from './strings.js';
import { parseTags } from './tags.js';
import { templateEnabled } from './preferences-view.js';
import type { PreferenceFlags } from '../client/create-client.js';

describe('the tags attribute and filter', () => {
  it('splits on commas, trims, and drops empty entries', () => {
    expect(parseTags('billing, Ops ,, ')).toEqual(['billing', 'Ops']);
    expect(parseTags(' , ')).toBeUndefined();
    expect(parseTags(undefined)).toBeUndefined();
  });

  it('narrows every view to the tags, and only when there are some', () => {
    expect(filterOf('unread', ['billing'])).toEqual({ unread: true, tags: ['billing'] });
    expect(filterOf('archived', ['billing'])).toEqual({ archived: true, tags: ['billing'] });
    expect(filterOf('all', ['billing'])).toEqual({ tags: ['billing'] });
    expect(filterOf('all', [])).toEqual({});
  });

  it('keeps a live item with any of the tags, compared lower-cased', () => {
    expect(hasAnyTag({ tags: ['ops'] }, ['billing', 'OPS'])).toBe(true);
    expect(hasAnyTag({ tags: ['news'] }, ['billing'])).toBe(false);
    expect(hasAnyTag({ tags: [] }, undefined)).toBe(true);
  });
});

describe('the preferences and strings for the newer controls', () => {
  it('treats a template as on unless the user turned it off on that channel', () => {
    const prefs: Pick<PreferenceFlags, 'templates'> = {
      templates: [{ templateKey: 'login_alert', channel: 'EMAIL', enabled: false }],
    };
    expect(templateEnabled(prefs, 'login_alert', 'EMAIL')).toBe(false);
    expect(templateEnabled(prefs, 'login_alert', 'PUSH')).toBe(true);
    expect(templateEnabled(prefs, 'welcome', 'EMAIL')).toBe(true);
  });

  it('names the bell by what its badge counts, in English and German', () => {
    expect(stringsFor('en').bellLabel(3)).toBe('Notifications, 3 unread');
    expect(stringsFor('en').bellLabel(3, 'unseen')).toBe('Notifications, 3 new');
    expect(stringsFor('de').bellLabel(3, 'unseen')).toBe('Benachrichtigungen, 3 neu');
    expect(stringsFor('de').snoozeChoices.tomorrow).toBe('Morgen früh');
  });
});

import { describe, expect, it } from 'vitest';
import { badgeText, languageOf, relativeTime, resolveLocale, stringsFor } from './strings.js';

describe('the element strings', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('writes relative times in the locale, "now" under a minute', () => {
    expect(relativeTime(ago(20), 'en', now)).toBe('now');
    expect(relativeTime(ago(5 * 60), 'en', now)).toBe('5 min. ago');
    expect(relativeTime(ago(3 * 3600), 'en', now)).toBe('3 hr. ago');
    expect(relativeTime(ago(26 * 3600), 'en', now)).toBe('yesterday');
    expect(relativeTime(ago(5 * 60), 'de-DE', now)).toBe('vor 5 Min.');
    expect(relativeTime(ago(20), 'de', now)).toBe('jetzt');
  });

  it('caps the badge at 99+', () => {
    expect(badgeText(0)).toBe('0');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });

  it('picks German for de-*, English otherwise, and survives a malformed locale', () => {
    expect(stringsFor('de-AT').tabs.unread).toBe('Ungelesen');
    expect(stringsFor('fr-FR').tabs.unread).toBe('Unread');
    expect(languageOf('de-CH')).toBe('de');
    expect(resolveLocale('de-at')).toBe('de-AT');
    expect(resolveLocale('not a locale!')).toBe('en');
  });
});

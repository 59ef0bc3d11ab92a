import type { Category, Channel, Priority } from '../client/generated/graphql.js';

export type { Channel };

/** What the badge counts (the `badge` attribute). */
export type BadgeKind = 'unread' | 'unseen';

/** The snooze menu's choices (see snooze-choices.ts). */
export type SnoozeChoice = 'hour' | 'tomorrow' | 'nextWeek';

/** Every UI string of the element, in one language. */
export interface Strings {
  notifications: string;
  /** Read to screen readers when an item arrives live. */
  newNotification(title: string): string;
  /** The bell's accessible name: `count` unread (or, with badge="unseen", new) items. */
  bellLabel(count: number, kind?: BadgeKind): string;
  tabs: { unread: string; all: string; archived: string };
  markRead: string;
  markUnread: string;
  archive: string;
  unarchive: string;
  /** The snooze menu button, its choices, and what is announced after a snooze. */
  snooze: string;
  snoozeChoices: Record<SnoozeChoice, string>;
  snoozedUntil(when: string): string;
  unarchived: string;
  /** The per-template table in the preferences panel. */
  templatesHeading: string;
  template: string;
  alwaysSent: string;
  markAllRead: string;
  loadMore: string;
  loading: string;
  retry: string;
  close: string;
  preferences: string;
  backToInbox: string;
  empty: { unread: string; all: string; archived: string };
  error: string;
  offline: string;
  reconnecting: string;
  unauthorized: string;
  unread: string;
  open: string;
  /** The preferences table. */
  channelsEnabled: string;
  category: string;
  channels: Record<Channel, string>;
  categories: Record<Category, string>;
  priorities: Record<Priority, string>;
  saved: string;
  saveFailed: string;
}

const en: Strings = {
  notifications: 'Notifications',
  newNotification: (title) => `New notification: ${title}`,
  bellLabel: (count, kind = 'unread') =>
    count === 0 ? 'Notifications' : `Notifications, ${count} ${kind === 'unseen' ? 'new' : 'unread'}`,
  tabs: { unread: 'Unread', all: 'All', archived: 'Archived' },
  markRead: 'Mark read',
  markUnread: 'Mark unread',
  archive: 'Archive',
  unarchive: 'Unarchive',
  snooze: 'Snooze',
  snoozeChoices: { hour: 'In 1 hour', tomorrow: 'Tomorrow morning', nextWeek: 'Next week' },
  snoozedUntil: (when) => `Snoozed until ${when}`,
  unarchived: 'Moved back to the inbox',
  templatesHeading: 'By notification',
  template: 'Notification',
  alwaysSent: 'Always sent',
  markAllRead: 'Mark all read',
  loadMore: 'Load more',
  loading: 'Loading…',
  retry: 'Try again',
  close: 'Close',
  preferences: 'Preferences',
  backToInbox: 'Back to notifications',
  empty: { unread: 'You are all caught up.', all: 'No notifications yet.', archived: 'Nothing archived.' },
  error: 'Notifications could not be loaded.',
  offline: 'You are offline. New notifications will appear when the connection is back.',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Your session has expired. Sign in again to see new notifications.',
  unread: 'Unread',
  open: 'Open',
  channelsEnabled: 'Channel on',
  category: 'Category',
  channels: { IN_APP: 'In-app', EMAIL: 'Email', PUSH: 'Push', SMS: 'SMS' },
  categories: {
    ACCOUNT: 'Account',
    BILLING: 'Billing',
    MARKETING: 'Marketing',
    SECURITY: 'Security',
    SUPPORT: 'Support',
    SYSTEM: 'System',
    VERIFICATION: 'Verification',
  },
  priorities: { LOW: 'Low', MEDIUM: 'Normal', HIGH: 'High', URGENT: 'Urgent' },
  saved: 'Saved',
  saveFailed: 'Could not save. Try again.',
};

const de: Strings = {
  notifications: 'Benachrichtigungen',
  newNotification: (title) => `Neue Benachrichtigung: ${title}`,
  bellLabel: (count, kind = 'unread') =>
    count === 0 ? 'Benachrichtigungen' : `Benachrichtigungen, ${count} ${kind === 'unseen' ? 'neu' : 'ungelesen'}`,
  tabs: { unread: 'Ungelesen', all: 'Alle', archived: 'Archiviert' },
  markRead: 'Als gelesen markieren',
  markUnread: 'Als ungelesen markieren',
  archive: 'Archivieren',
  unarchive: 'Wiederherstellen',
  snooze: 'Zurückstellen',
  snoozeChoices: { hour: 'In 1 Stunde', tomorrow: 'Morgen früh', nextWeek: 'Nächste Woche' },
  snoozedUntil: (when) => `Zurückgestellt bis ${when}`,
  unarchived: 'Zurück im Posteingang',
  templatesHeading: 'Nach Benachrichtigung',
  template: 'Benachrichtigung',
  alwaysSent: 'Wird immer gesendet',
  markAllRead: 'Alle als gelesen markieren',
  loadMore: 'Mehr laden',
  loading: 'Wird geladen…',
  retry: 'Erneut versuchen',
  close: 'Schließen',
  preferences: 'Einstellungen',
  backToInbox: 'Zurück zu den Benachrichtigungen',
  empty: { unread: 'Alles gelesen.', all: 'Noch keine Benachrichtigungen.', archived: 'Nichts archiviert.' },
  error: 'Die Benachrichtigungen konnten nicht geladen werden.',
  offline: 'Sie sind offline. Neue Benachrichtigungen erscheinen, sobald die Verbindung zurück ist.',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  unauthorized: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um neue Benachrichtigungen zu sehen.',
  unread: 'Ungelesen',
  open: 'Öffnen',
  channelsEnabled: 'Kanal an',
  category: 'Kategorie',
  channels: { IN_APP: 'In der App', EMAIL: 'E-Mail', PUSH: 'Push', SMS: 'SMS' },
  categories: {
    ACCOUNT: 'Konto',
    BILLING: 'Abrechnung',
    MARKETING: 'Marketing',
    SECURITY: 'Sicherheit',
    SUPPORT: 'Support',
    SYSTEM: 'System',
    VERIFICATION: 'Bestätigung',
  },
  priorities: { LOW: 'Niedrig', MEDIUM: 'Normal', HIGH: 'Hoch', URGENT: 'Dringend' },
  saved: 'Gespeichert',
  saveFailed: 'Speichern fehlgeschlagen. Bitte erneut versuchen.',
};

const LANGUAGES: Record<string, Strings> = { en, de };

/** The `locale` attribute, else the browser's language; a BCP 47 tag Intl accepts. */
export function resolveLocale(attribute: string | null | undefined): string {
  const wanted = attribute || (typeof navigator === 'undefined' ? 'en' : navigator.language) || 'en';
  try {
    return Intl.getCanonicalLocales(wanted)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The strings for a locale: German for de-*, English otherwise. */
export function stringsFor(locale: string): Strings {
  return LANGUAGES[locale.split('-')[0]!.toLowerCase()] ?? en;
}

/** The language the strings are in, for the `lang` attribute. */
export function languageOf(locale: string): string {
  return stringsFor(locale) === de ? 'de' : 'en';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 min ago" / "vor 5 Min." in `locale`; "now" under a minute. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The badge text: the count, or 99+ above 99. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

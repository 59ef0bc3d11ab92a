import type { SnoozeChoice } from './strings.js';

/** The snooze menu's choices, in menu order. */
export const SNOOZE_CHOICES: readonly SnoozeChoice[] = ['hour', 'tomorrow', 'nextWeek'];

/** The hour (local time) "tomorrow morning" and "next week" snooze until. */
const MORNING = 9;

/**
 * When a snooze choice ends, in the browser's time zone: in one hour; tomorrow at 9:00; next
 * Monday at 9:00 (a week from today when today is Monday).
 */
export function snoozeUntil(choice: SnoozeChoice, now: Date = new Date()): Date {
  if (choice === 'hour') return new Date(now.getTime() + 3600_000);
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate(), MORNING);
  if (choice === 'tomorrow') day.setDate(day.getDate() + 1);
  else day.setDate(day.getDate() + ((8 - day.getDay()) % 7 || 7));
  return day;
}

/** "Wed 9:00 AM" in the locale: the time a choice ends, shown next to it. */
export function snoozeTimeLabel(until: Date, locale: string, now: Date = new Date()): string {
  const sameDay = until.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, {
    weekday: sameDay ? undefined : 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(until);
}

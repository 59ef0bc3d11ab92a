import { describe, expect, it } from 'vitest';
import { snoozeTimeLabel, snoozeUntil } from './snooze-choices.js';

describe('snooze choices', () => {
  // A Wednesday afternoon, local time.
  const wednesday = new Date(2026, 10, 25, 15, 30);

  it('ends in an hour, tomorrow at 9:00, or next Monday at 9:00 (local time)', () => {
    expect(snoozeUntil('hour', wednesday)).toEqual(new Date(2026, 10, 25, 16, 30));
    expect(snoozeUntil('tomorrow', wednesday)).toEqual(new Date(2026, 10, 26, 9));
    expect(snoozeUntil('nextWeek', wednesday)).toEqual(new Date(2026, 10, 30, 9));
  });

  it('takes "next week" on a Monday to the Monday after, and on a Sunday to the next day', () => {
    expect(snoozeUntil('nextWeek', new Date(2026, 10, 30, 8))).toEqual(new Date(2026, 11, 7, 9));
    expect(snoozeUntil('nextWeek', new Date(2026, 10, 29, 20))).toEqual(new Date(2026, 10, 30, 9));
  });

  it('labels a time today without the weekday, and a later one with it', () => {
    expect(snoozeTimeLabel(new Date(2026, 10, 25, 16, 30), 'en-GB', wednesday)).toBe('16:30');
    expect(snoozeTimeLabel(new Date(2026, 10, 26, 9), 'en-GB', wednesday)).toBe('Thu 09:00');
    expect(snoozeTimeLabel(new Date(2026, 10, 26, 9), 'de-DE', wednesday)).toBe('Do., 09:00');
  });
});

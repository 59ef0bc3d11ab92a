import { describe, expect, it } from 'vitest';
import { packIntoPayloads } from './pg-event-target.js';
import { at } from '../shared/at.js';

describe('packIntoPayloads', () => {
  it('puts many small events in one payload', () => {
    const events = Array.from({ length: 50 }, (_, i) => ({ type: 'NOTIFICATION_ADDED:u', wire: { id: `id-${i}` } }));
    const payloads = packIntoPayloads('origin', events);
    expect(payloads).toHaveLength(1);
    expect(JSON.parse(at(payloads, 0)).e).toHaveLength(50);
  });

  it('splits a large batch under the 8000-byte NOTIFY limit, keeping order', () => {
    const events = Array.from({ length: 400 }, (_, i) => ({
      type: `UNREAD_COUNT_CHANGED:user-${i}`,
      wire: { userId: `user-${i}`, count: i },
    }));
    const payloads = packIntoPayloads('origin', events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(
      payloads.flatMap((payload) =>
        JSON.parse(payload).e.map((event: { wire: { count: number } }) => event.wire.count),
      ),
    ).toEqual(events.map((_, i) => i));
  });
});

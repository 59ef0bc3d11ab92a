import { describe, expect, it } from 'vitest';
import { parseId } from '../shared/ids.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('inbox cursors', () => {
  it('round-trips a position', () => {
    const position = { inboxAt: new Date('2026-01-02T03:04:05.678Z'), id: '0b0e8c53-3f0c-4c3a-9d52-1f6f3bb0a111' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    '',
    'not-a-cursor',
    Buffer.from('2026-01-01|nope').toString('base64url'),
    Buffer.from('soon|0b0e8c53-3f0c-4c3a-9d52-1f6f3bb0a111').toString('base64url'),
    // Valid JavaScript dates PostgreSQL cannot take.
    Buffer.from('+275760-09-13T00:00:00.000Z|0b0e8c53-3f0c-4c3a-9d52-1f6f3bb0a111').toString('base64url'),
    Buffer.from('-000001-01-01T00:00:00.000Z|0b0e8c53-3f0c-4c3a-9d52-1f6f3bb0a111').toString('base64url'),
  ])('rejects the malformed cursor %j naming the field', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: ['after'] }) }),
    );
  });

  it('rejects an id that is not a UUID', () => {
    expect(() => parseId('42')).toThrow(/id is not a valid id/);
    expect(parseId('0B0E8C53-3F0C-4C3A-9D52-1F6F3BB0A111')).toBe('0b0e8c53-3f0c-4c3a-9d52-1f6f3bb0a111');
  });
});

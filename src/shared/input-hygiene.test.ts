import { describe, expect, it } from 'vitest';
import { findUnsafeText, jsonDepth, jsonLimitReason, unsafeTextReason, userIdProblem } from './input-hygiene.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

class Keys {
  p256dh = 'ok';
  auth = 'a\u0000';
}
class Input {
  title = 'ok';
  keys = new Keys();
  userIds = ['fine', 'x\uD800'];
  metadata: unknown = { nested: { deeper: ['\u0000'] } };
}

describe('unsafeTextReason', () => {
  it.each([['a\u0000b'], ['\uD800'], ['x\uDC00'], ['\uDC00\uD800']])('refuses %j', (text) => {
    expect(unsafeTextReason(text)).toBeDefined();
  });
  it.each([['plain'], ['😀'], ['\uDBFF\uDFFF'], ['\u202E'], ['']])('accepts %j', (text) => {
    expect(unsafeTextReason(text)).toBeUndefined();
  });
});

describe('findUnsafeText', () => {
  it('names the declared field, stopping at JSON values and lists', () => {
    const input = new Input();
    expect(findUnsafeText(input)).toMatchObject({ field: 'metadata' });
    input.metadata = null;
    expect(findUnsafeText(input)).toMatchObject({ field: 'userIds' });
    input.userIds = [];
    expect(findUnsafeText(input)).toMatchObject({ field: 'keys.auth' });
    input.keys.auth = 'ok';
    expect(findUnsafeText(input)).toBeUndefined();
  });

  it('checks keys of JSON objects', () => {
    expect(findUnsafeText({ ['k\u0000']: 1 }, 'metadata')).toEqual({
      field: 'metadata',
      reason: expect.stringMatching(/^keys must not contain NUL/),
    });
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let value: unknown = '\u0000';
    for (let level = 0; level < 100_000; level++) value = [value];
    expect(findUnsafeText({ data: value }, 'data')).toMatchObject({ field: 'data' });
  });
});

describe('JSON limits', () => {
  it('counts depth up to the limit without walking further', () => {
    expect(jsonDepth(nested(5), 32)).toBe(5);
    expect(jsonDepth(nested(100_000), 32)).toBe(33);
    expect(jsonDepth('flat', 32)).toBe(0);
  });

  it('allows 32 levels and 64 KB, not more', () => {
    expect(jsonLimitReason(nested(32))).toBeUndefined();
    expect(jsonLimitReason(nested(33))).toMatch(/32 levels/);
    expect(jsonLimitReason(nested(5_000))).toMatch(/32 levels/);
    expect(jsonLimitReason({ blob: 'y'.repeat(64 * 1024 - 20) })).toBeUndefined();
    expect(jsonLimitReason({ blob: 'y'.repeat(64 * 1024) })).toMatch(/64 KB/);
  });
});

describe('userIdProblem', () => {
  it('accepts 1 to 200 characters of storable text', () => {
    expect(userIdProblem('u')).toBeUndefined();
    expect(userIdProblem('u'.repeat(200))).toBeUndefined();
    expect(userIdProblem('u'.repeat(201))).toMatch(/200/);
    expect(userIdProblem('')).toBe('must be a non-empty string');
    expect(userIdProblem('a\u0000')).toMatch(/NUL/);
  });
});

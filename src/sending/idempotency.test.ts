import { describe, expect, it } from 'vitest';
import { requestHash } from './idempotency.js';

describe('requestHash', () => {
  it('ignores key order and absent fields', () => {
    expect(requestHash('send', { a: 1, b: { c: [1, 2], d: 'x' }, e: null })).toBe(
      requestHash('send', { b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('tells different requests and operations apart', () => {
    expect(requestHash('send', { a: 1 })).not.toBe(requestHash('send', { a: 2 }));
    expect(requestHash('send', { a: 1 })).not.toBe(requestHash('trigger', { a: 1 }));
    expect(requestHash('send', { at: new Date(0) })).toBe(requestHash('send', { at: new Date(0) }));
  });
});

import { describe, expect, it } from 'vitest';
import { at } from './at.js';

describe('at', () => {
  it('returns the element at an index, counting from the end for a negative one', () => {
    expect(at(['a', 'b', 'c'], 0)).toBe('a');
    expect(at(['a', 'b', 'c'], -1)).toBe('c');
  });

  it('throws, naming what was expected, when the index is out of range', () => {
    expect(() => at([], 0, 'notification')).toThrow('Expected notification at index 0, but the list has 0');
    expect(() => at(['a'], -2)).toThrow('Expected element at index -2, but the list has 1');
  });
});

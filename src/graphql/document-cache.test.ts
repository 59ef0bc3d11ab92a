import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache } from './document-cache.js';

const schema = buildSchema(`type Query { a: Int b: Int c: Int }`);

describe('DocumentCache', () => {
  it('returns one document object per operation text', () => {
    const cache = new DocumentCache(schema);
    const first = cache.get('{ a }');
    expect(Array.isArray(first)).toBe(false);
    expect(cache.get('{ a }')).toBe(first);
  });

  it('caches the errors of an invalid or unparsable operation', () => {
    const cache = new DocumentCache(schema);
    expect((cache.get('{ nope }') as { message: string }[])[0].message).toContain('Cannot query field "nope"');
    expect((cache.get('{ a') as { message: string }[])[0].message).toContain('Syntax Error');
  });

  it('drops the least recently used operation past its size', () => {
    const cache = new DocumentCache(schema, 2);
    const a = cache.get('{ a }');
    cache.get('{ b }');
    cache.get('{ a }'); // a is now the most recent
    cache.get('{ c }'); // evicts b
    expect(cache.get('{ a }')).toBe(a);
    const b = cache.get('{ b }');
    expect(cache.get('{ b }')).toBe(b);
  });
});

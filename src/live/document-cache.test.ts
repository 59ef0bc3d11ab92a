import { buildSchema, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_CACHE_LIMITS, DocumentCache } from './document-cache.js';

const schema = buildSchema(`type Query { a: Int b: Int c: Int }`);
const limits = (overrides: Partial<typeof DEFAULT_DOCUMENT_CACHE_LIMITS>) => ({
  ...DEFAULT_DOCUMENT_CACHE_LIMITS,
  ...overrides,
});
/** `{ a }` padded with a comment to exactly `length` characters: a distinct operation of that size. */
const operation = (id: number, length: number) => {
  const head = `{ a } # ${id} `;
  return head + 'x'.repeat(length - head.length);
};

describe('DocumentCache', () => {
  it('returns one document object per operation text', () => {
    const cache = new DocumentCache(schema);
    const first = cache.get('{ a }');
    expect(Array.isArray(first)).toBe(false);
    expect(cache.get('{ a }')).toBe(first);
  });

  it('caches the errors of an invalid or unparsable operation, with their codes', () => {
    const cache = new DocumentCache(schema);
    const invalid = cache.get('{ nope }') as GraphQLError[];
    expect(invalid[0]?.message).toContain('Cannot query field "nope"');
    const unparsable = cache.get('{ a') as GraphQLError[];
    expect(unparsable[0]?.message).toContain('Syntax Error');
    expect(unparsable[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(cache.get('{ a')).toBe(unparsable);
  });

  it('drops the least recently used operation past its entry cap', () => {
    const cache = new DocumentCache(schema, limits({ maxEntries: 2 }));
    const a = cache.get('{ a }');
    const b = cache.get('{ b }');
    cache.get('{ a }'); // a is now the most recent
    cache.get('{ c }'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get('{ a }')).toBe(a);
    const bAgain = cache.get('{ b }');
    expect(bAgain).not.toBe(b); // parsed anew: it had been dropped
    expect(bAgain).toEqual(b);
    expect(cache.get('{ b }')).toBe(bAgain);
  });

  it('drops the least recently used operations past its total text length', () => {
    const cache = new DocumentCache(schema, limits({ maxTotalLength: 10_000, maxQueryLength: 4_000 }));
    const first = cache.get(operation(0, 4_000));
    for (let id = 1; id < 100; id++) cache.get(operation(id, 3_000));
    expect(cache.heldLength).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBe(3);
    expect(cache.get(operation(99, 3_000))).toBe(cache.get(operation(99, 3_000)));
    expect(cache.get(operation(0, 4_000))).not.toBe(first);
  });

  it('never holds an operation longer than its per-operation cap, yet answers it', () => {
    const cache = new DocumentCache(schema, limits({ maxQueryLength: 1_000 }));
    const large = operation(1, 1_001);
    const document = cache.get(large);
    expect(Array.isArray(document)).toBe(false);
    expect(cache.size).toBe(0);
    expect(cache.heldLength).toBe(0);
    expect(cache.get(large)).not.toBe(document);
  });

  it('holds at most 16 MB of operation text by default', () => {
    const cache = new DocumentCache(schema);
    // The probe's 1,000 distinct 60 KB operations (WebSocket frames are capped at 64 KB).
    for (let id = 0; id < 1_000; id++) cache.get(operation(id, 60 * 1024));
    expect(cache.heldLength).toBe(0);
    for (let id = 0; id < 2_000; id++) cache.get(operation(id, 16 * 1024));
    expect(cache.heldLength).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(cache.size).toBe(1_000);
  });
});

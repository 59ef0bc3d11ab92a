import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validateWithLimits } from './query-limits.js';

// A schema with a recursive type, so that depth is not bounded by the schema.
const schema = buildSchema(`type Node { id: ID! child: Node } type Query { root: Node }`);
const nested = (levels: number) => `{ root ${'{ child '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;
const messages = (query: string) => validateWithLimits(schema, parse(query)).map((error) => error.message);

describe('query limits', () => {
  it('allows 12 levels and refuses 13, following fragments', () => {
    expect(messages(nested(12))).toEqual([]);
    expect(messages(nested(13))).toEqual(['Query is nested 13 levels deep; at most 12 are allowed']);
    const viaFragment = `{ root { ...Deep } } fragment Deep on Node { ${'child { '.repeat(11)}id${' }'.repeat(11)} }`;
    expect(messages(viaFragment)).toEqual(['Query is nested 13 levels deep; at most 12 are allowed']);
  });

  it('refuses more than 30 aliases', () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: root { id }`).join(' ')} }`;
    expect(messages(aliases(30))).toEqual([]);
    expect(messages(aliases(31))).toEqual(['Too many aliases: at most 30 per operation']);
  });

  it("lets GraphiQL's introspection query through", () => {
    expect(messages(getIntrospectionQuery())).toEqual([]);
  });
});

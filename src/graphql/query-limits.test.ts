import { buildSchema, getIntrospectionQuery, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_ATTACK, fragmentBomb, ORDINARY_QUERIES } from '../../test/support/hostile-documents.js';
import { MAX_TOKENS, parseWithLimits, validateWithLimits } from './query-limits.js';
import { buildBelfrySchema } from './schema.js';

// A schema with a recursive type, so that depth is not bounded by the schema.
const schema = buildSchema(`type Node { id: ID! child: Node } type Query { root: Node }`);
const nested = (levels: number) => `{ root ${'{ child '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;
const messages = (query: string, on: GraphQLSchema = schema) =>
  validateWithLimits(on, parse(query)).map((error) => error.message);

describe('query limits', () => {
  it('allows 12 levels and refuses 13, following fragments', () => {
    expect(messages(nested(12))).toEqual([]);
    expect(messages(nested(13))).toEqual(['Query depth limit of 12 exceeded, found 13.']);
    const viaFragment = `{ root { ...Deep } } fragment Deep on Node { ${'child { '.repeat(11)}id${' }'.repeat(11)} }`;
    expect(messages(viaFragment)).toEqual(['Query depth limit of 12 exceeded, found 13.']);
  });

  it('refuses more than 30 aliases, also when a fragment repeats them', () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: root { id }`).join(' ')} }`;
    expect(messages(aliases(30))).toEqual([]);
    expect(messages(aliases(31))).toEqual(['Aliases limit of 30 exceeded, found 31.']);
    const twice = `{ ...A ...B } fragment A on Query { ...Sixteen } fragment B on Query { ...Sixteen } fragment Sixteen on Query { ${Array.from({ length: 16 }, (_, i) => `a${i}: root { id }`).join(' ')} }`;
    expect(messages(twice)).toEqual(['Aliases limit of 30 exceeded, found 32.']);
  });

  it('refuses more than 20 directives', () => {
    const directives = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `f${i}: root @skip(if: false) { id }`).join(' ')} }`;
    expect(messages(directives(20))).toEqual([]);
    expect(messages(directives(21))).toContain('Directives limit of 20 exceeded, found 21.');
  });

  it('stops parsing at the token limit', () => {
    const tokens = (count: number) => `{ ${'root { id } '.repeat((count - 2) / 4)}}`;
    expect(() => parseWithLimits(tokens(MAX_TOKENS))).not.toThrow();
    expect(() => parseWithLimits(tokens(MAX_TOKENS + 4))).toThrow(`Document contains more that ${MAX_TOKENS} tokens`);
  });

  it("lets GraphiQL's introspection query through", () => {
    const graphiql = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
    expect(messages(graphiql)).toEqual([]);
    expect(() =>
      parseWithLimits(
        getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
          oneOf: true,
        }),
      ),
    ).not.toThrow();
  });

  describe('on the Belfry schema', () => {
    let belfry: GraphQLSchema;
    beforeAll(async () => {
      belfry = await buildBelfrySchema();
    });

    it('refuses a fragment bomb at once: each fragment is measured once, not at every spread', () => {
      // 26 levels took the hand-written rule 13.5 s (2^26 walks); 200 levels would never end.
      for (const levels of [26, 200]) {
        const document = parse(fragmentBomb(levels));
        const started = performance.now();
        const errors = validateWithLimits(belfry, document);
        expect(performance.now() - started).toBeLessThan(1_000);
        expect(errors.map((error) => error.message)).toEqual([
          expect.stringMatching(/^Query Cost limit of 10000 exceeded, found /),
        ]);
        expect(errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    });

    it('refuses 30 aliases of a 100-item page with deliveries by cost', () => {
      expect(messages(COST_ATTACK, belfry)).toEqual(['Query Cost limit of 10000 exceeded, found 38625.']);
    });

    it("passes the bell's, GraphiQL's and the README's queries", () => {
      for (const query of Object.values(ORDINARY_QUERIES)) expect(messages(query, belfry)).toEqual([]);
      expect(messages(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }), belfry)).toEqual(
        [],
      );
    });
  });
});

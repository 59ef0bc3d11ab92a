import { parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_ATTACK_BY_VARIABLE, ORDINARY_QUERIES } from '../../test/support/hostile-documents.js';
import { pageSizeCostErrors } from './page-size-cost.js';
import { maxCostFor, validateWithLimits } from './query-limits.js';
import { buildBelfrySchema } from './schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildBelfrySchema();
});
const messages = (query: string, variables?: Record<string, unknown>) =>
  pageSizeCostErrors(schema, parse(query), variables).map((error) => error.message);

describe('the cost limit with page sizes from variables and defaults', () => {
  it('counts `first: $n` by the value of n', () => {
    // Validation alone cannot see it: each page counts as one item there.
    expect(validateWithLimits(schema, parse(COST_ATTACK_BY_VARIABLE))).toEqual([]);
    expect(messages(COST_ATTACK_BY_VARIABLE, { n: 100 })).toEqual(['Query Cost limit of 10000 exceeded, found 38625.']);
    expect(messages(COST_ATTACK_BY_VARIABLE, { n: 5 })).toEqual([]);
  });

  it("counts a variable's default, and an argument's own default when it is left out", () => {
    const withDefault = COST_ATTACK_BY_VARIABLE.replace('$n: Int!', '$n: Int = 100');
    expect(messages(withDefault, {})).toEqual(['Query Cost limit of 10000 exceeded, found 38625.']);
    // notifications' default page is 20: 30 such pages cost 7,725.
    const leftOut = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: notifications { nodes { deliveries { id } } }`).join(' ')} }`;
    expect(messages(leftOut)).toEqual([]);
    expect(
      messages(
        leftOut
          .replace('a0: notifications {', 'a0: notifications { pageInfo { hasNextPage } ')
          .replace(
            /nodes \{ deliveries \{ id \} \}/g,
            'nodes { id title message read createdAt deliveries { id channel status } }',
          ),
      ),
    ).toEqual([expect.stringMatching(/^Query Cost limit of 10000 exceeded, found /)]);
  });

  it('lets ordinary operations through, and sends without a second look', () => {
    for (const query of Object.values(ORDINARY_QUERIES)) expect(messages(query, { after: null })).toEqual([]);
    expect(
      messages('mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }', { input: {} }),
    ).toEqual([]);
  });
});

describe('the cost limit follows INBOX_MAX_PAGE_SIZE', () => {
  it('keeps 10,000 up to pages of 100 and grows in proportion above', () => {
    expect(maxCostFor(20)).toBe(10_000);
    expect(maxCostFor(100)).toBe(10_000);
    expect(maxCostFor(500)).toBe(50_000);
    // The same 30 aliased pages of 100 pass where pages of 500 are allowed.
    const bound = (query: string, variables: Record<string, unknown>, maxCost: number) =>
      pageSizeCostErrors(schema, parse(query), variables, undefined, maxCost).map((error) => error.message);
    expect(bound(COST_ATTACK_BY_VARIABLE, { n: 100 }, maxCostFor(500))).toEqual([]);
  });
});

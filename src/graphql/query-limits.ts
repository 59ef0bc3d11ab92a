import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';

/** The deepest selection an operation may have; Belfry's own types nest far less. */
export const MAX_QUERY_DEPTH = 12;
/** Aliases multiply work (the same field asked many times); a page of the inbox needs a few. */
export const MAX_ALIASES = 30;
/**
 * Lexical tokens in one document (punctuation, names, values; commas and comments do not
 * count). Bounds every later step: graphql's own validation has rules that are quadratic
 * in the number of fields (OverlappingFieldsCanBeMerged), and at 1,000 tokens the worst
 * documents we could build validate in tens of milliseconds. GraphiQL's introspection query
 * is about 200 tokens, the inbox page query about 40.
 */
export const MAX_TOKENS = 1_000;
/** @include/@skip and friends, per operation (fragments counted at each use). */
export const MAX_DIRECTIVES = 20;
/**
 * graphql-armor's cost: a scalar costs 1, an object 2, each level below multiplies its
 * children by 1.5, and a field with a literal `first` argument multiplies its subtree by it.
 * The inbox page (20 items) costs about 650, a 100-item page with each item's deliveries
 * about 6,000; 30 aliases of `notifications(first: 100) { nodes { deliveries { id } } }`
 * cost 38,625 and are refused.
 */
export const MAX_COST = 10_000;

/** What graphql's parser enforces: parsing stops at the first token past the limit. */
export const PARSE_OPTIONS: ParseOptions = { maxLexicalTokens: MAX_TOKENS };

/**
 * graphql-armor reports a refusal by throwing (which Apollo turns into a 500) unless told
 * otherwise: report it as a validation error instead, so clients get
 * GRAPHQL_VALIDATION_FAILED with the limit and the figure found.
 */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      // The library words every refusal as a "Syntax Error"; these are limits, not syntax.
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      );
    },
  ],
};

/**
 * The cost limit for a deployment whose largest inbox page is `maxPageSize`
 * (INBOX_MAX_PAGE_SIZE): MAX_COST up to the default 100, and in proportion above it, so
 * that one page of the largest size, with its deliveries, still passes.
 */
export function maxCostFor(maxPageSize: number): number {
  return Math.round(MAX_COST * Math.max(1, maxPageSize / 100));
}

/** One cost rule per limit in use (a process has one or two), reused across requests. */
const costRules = new Map<number, ValidationRule>();

/** The cost limit alone; page-size-cost.ts runs it again once variables are known. */
export function costRule(maxCost = MAX_COST): ValidationRule {
  let rule = costRules.get(maxCost);
  if (!rule) {
    rule = costLimitRule({ maxCost, flattenFragments: true, ...reportAsValidationError });
    costRules.set(maxCost, rule);
  }
  return rule;
}

/**
 * Belfry's limits on operations, from graphql-armor. Each rule computes its figure once per
 * fragment and reuses it at every further spread, so a document whose fragments spread each
 * other twice costs time linear in its size (the hand-written rule these replace walked
 * such a document 2^n times). Introspection (`__schema`) is exempt from depth and cost, so
 * GraphiQL works. `maxCost`: see maxCostFor.
 */
export function queryLimitRules(maxCost = MAX_COST): readonly ValidationRule[] {
  return [
    // Fragments and inline fragments add no level: depth counts fields, as clients see them.
    maxDepthRule({ n: MAX_QUERY_DEPTH, flattenFragments: true, ...reportAsValidationError }),
    maxAliasesRule({ n: MAX_ALIASES, ...reportAsValidationError }),
    maxDirectivesRule({ n: MAX_DIRECTIVES, ...reportAsValidationError }),
    costRule(maxCost),
  ] as ValidationRule[];
}

const defaultQueryLimitRules = queryLimitRules();

/** Parses with Belfry's token limit; a syntax error or a document over the limit throws a GraphQLError. */
export function parseWithLimits(query: string): DocumentNode {
  return parse(query, PARSE_OPTIONS);
}

/** graphql's validate with Belfry's limits added (for graphql-ws, which validates on its own). */
export function validateWithLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: readonly ValidationRule[] = defaultQueryLimitRules,
): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...rules]);
}

import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { parseWithLimits, queryLimitRules, validateWithLimits } from '../graphql/query-limits.js';

/** How much a {@link DocumentCache} may hold. */
export interface DocumentCacheLimits {
  /** Operations held at most. */
  readonly maxEntries: number;
  /** Total length (UTF-16 code units) of the operation texts held; their parsed documents grow with it. */
  readonly maxTotalLength: number;
  /** Operations longer than this are parsed and validated every time, never held. */
  readonly maxQueryLength: number;
}

export const DEFAULT_DOCUMENT_CACHE_LIMITS: DocumentCacheLimits = {
  maxEntries: 1_000,
  maxTotalLength: 16 * 1024 * 1024,
  maxQueryLength: 16 * 1024,
};

type Result = DocumentNode | readonly GraphQLError[];

/**
 * Parsed and validated operations by their text, least recently used dropped past the
 * limits (entries and total text length). Thousands of sockets subscribing with the same
 * operation share one document: less work per subscribe and less memory per connection.
 * Bounded in size as well as count, so many distinct large operations cannot grow it.
 */
export class DocumentCache {
  private readonly documents = new Map<string, Result>();
  private totalLength = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: DocumentCacheLimits = DEFAULT_DOCUMENT_CACHE_LIMITS,
    /** Belfry's query limits (see queryLimitRules), with the deployment's cost limit. */
    private readonly rules: readonly ValidationRule[] = queryLimitRules(),
  ) {}

  /** Operations held now. */
  get size(): number {
    return this.documents.size;
  }

  /** Total length of the operation texts held now. */
  get heldLength(): number {
    return this.totalLength;
  }

  /** The validated document, or the errors that make it unusable. */
  get(query: string): Result {
    const cached = this.documents.get(query);
    if (cached) {
      this.documents.delete(query);
      this.documents.set(query, cached);
      return cached;
    }
    const result = this.compile(query);
    if (query.length <= this.limits.maxQueryLength) {
      this.documents.set(query, result);
      this.totalLength += query.length;
      for (const [oldest] of this.documents) {
        if (this.documents.size <= this.limits.maxEntries && this.totalLength <= this.limits.maxTotalLength) break;
        this.documents.delete(oldest);
        this.totalLength -= oldest.length;
      }
    }
    return result;
  }

  private compile(query: string): Result {
    let document: DocumentNode;
    try {
      document = parseWithLimits(query);
    } catch (error) {
      // The code Apollo gives the same failure over HTTP; without one the error would be masked as internal.
      const message =
        error instanceof GraphQLError
          ? error.message
          : `Syntax Error: ${error instanceof Error ? error.message : String(error)}`;
      const positions = error instanceof GraphQLError ? error.positions : undefined;
      return [
        new GraphQLError(message, {
          source: error instanceof GraphQLError ? error.source : undefined,
          positions,
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        }),
      ];
    }
    const errors = validateWithLimits(this.schema, document, this.rules);
    return errors.length ? errors : document;
  }
}

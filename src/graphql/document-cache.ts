import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { validateWithLimits } from './query-limits.js';

/**
 * Parsed and validated operations by their text, least recently used dropped past `max`.
 * Thousands of sockets subscribing with the same operation share one document: less work
 * per subscribe and less memory per connection.
 */
export class DocumentCache {
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly max = 1_000,
  ) {}

  /** The validated document, or the errors that make it unusable. */
  get(query: string): DocumentNode | readonly GraphQLError[] {
    const cached = this.documents.get(query);
    if (cached) {
      this.documents.delete(query);
      this.documents.set(query, cached);
      return cached;
    }
    let result: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query);
      const errors = validateWithLimits(this.schema, document);
      result = errors.length ? errors : document;
    } catch (error) {
      result = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    this.documents.set(query, result);
    if (this.documents.size > this.max) this.documents.delete(this.documents.keys().next().value!);
    return result;
  }
}

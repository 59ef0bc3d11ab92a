import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode, type FieldNode, type GraphQLFormattedError } from 'graphql';
import type { Principal } from '../auth/principal.js';
import type { GraphQLContext } from './context.js';

/** The introspection fields; `__typename` tells nothing about the schema and stays allowed. */
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** graphql-js appends its suggestions to the message: ` Did you mean "a", "b", or "c"?`, `… the enum value "X"?`. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Who may learn the schema, by introspection or through the "Did you mean …" suggestions
 * in validation and input errors. In development everyone may (GraphiQL needs it). In
 * production no user token may, ever; API keys may when `GRAPHQL_INTROSPECTION=true`.
 *
 * Decided per request, because it depends on the caller: Apollo's `introspection` option
 * and its validation rules are the same for every caller (and Apollo caches validated
 * documents by their text), so the check runs once the operation is resolved instead.
 */
export class IntrospectionPolicy {
  constructor(private readonly options: { readonly production: boolean; readonly apiKeysMayIntrospect: boolean }) {}

  /** Whether `principal` may see the schema: introspection and suggestions. */
  mayIntrospect(principal: Principal): boolean {
    if (!this.options.production) return true;
    return principal.kind === 'service' && this.options.apiKeysMayIntrospect;
  }

  /**
   * The error to answer instead of running `document`, when it selects `__schema` or
   * `__type` and `principal` may not introspect; undefined otherwise.
   */
  refusal(principal: Principal, document: DocumentNode): GraphQLError | undefined {
    if (this.mayIntrospect(principal)) return undefined;
    const field = introspectionField(document);
    if (!field) return undefined;
    return new GraphQLError('GraphQL introspection is not allowed for this caller', {
      nodes: [field],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    });
  }

  /** `errors` as `principal` may see them: without suggestions when it may not introspect. */
  redact<T extends GraphQLFormattedError>(principal: Principal, errors: readonly T[]): T[] {
    if (this.mayIntrospect(principal)) return [...errors];
    return errors.map((error) => {
      const message = withoutSuggestions(error.message);
      return message === error.message ? error : { ...error, message };
    });
  }

  /** Applies the policy to GraphQL over HTTP: refuses introspection, strips suggestions from every error sent. */
  apolloPlugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        const { principal } = contextValue;
        if (this.mayIntrospect(principal)) return;
        return {
          didResolveOperation: async ({ document }) => {
            const refused = this.refusal(principal, document);
            if (refused) throw refused;
          },
          willSendResponse: async ({ response }) => {
            // Belfry has no @defer/@stream, so every response is a single result.
            if (response.body.kind === 'single' && response.body.singleResult.errors) {
              response.body.singleResult = {
                ...response.body.singleResult,
                errors: this.redact(principal, response.body.singleResult.errors),
              };
            }
          },
        };
      },
    };
  }
}

/** The message with graphql-js's "Did you mean …?" suggestions removed. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

function introspectionField(document: DocumentNode): FieldNode | undefined {
  // Most documents never mention it: skip the walk (`__type` also finds `__typename`).
  const text = document.loc?.source.body;
  if (text !== undefined && !text.includes('__schema') && !text.includes('__type')) return undefined;
  let found: FieldNode | undefined;
  visit(document, {
    Field(node) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return undefined;
      found = node;
      return BREAK;
    },
  });
  return found;
}

import type { GraphQLResponse } from './belfry.js';

/** The JSON body of a GraphQL-over-HTTP response (what {@link GraphQLResponse} holds besides the status). */
export type GraphQLBody<T = Record<string, unknown>> = Omit<GraphQLResponse<T>, 'status'>;

/**
 * Reads `response`'s body as a GraphQL result, for tests that call fetch themselves.
 * `Response.json()` is typed `unknown`; the cast states the server's contract, which the
 * test's own assertions then check.
 */
export async function graphQLBody<T = Record<string, unknown>>(response: Response): Promise<GraphQLBody<T>> {
  return (await response.json()) as GraphQLBody<T>;
}

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A GraphQL operation typed by its result and variables (what the generated documents are). */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** What Belfry refused or could not answer, with the GraphQL error code when it sent one. */
export class BelfryError extends Error {
  constructor(
    message: string,
    /** `extensions.code` (UNAUTHENTICATED, BAD_USER_INPUT, RATE_LIMITED, …), or NETWORK_ERROR / HTTP_ERROR. */
    readonly code: string,
    /** The HTTP status, 0 when no answer came. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'BelfryError';
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Sends one operation as a JSON POST with `Authorization: Bearer <token>`. A JSON POST is
 * preflighted cross-origin, which is what Belfry's CSRF prevention asks for.
 */
export async function postGraphQL<TResult, TVariables>(
  endpoint: string,
  token: string,
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  fetchImpl: typeof fetch,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch (error) {
    throw new BelfryError(error instanceof Error ? error.message : String(error), 'NETWORK_ERROR', 0);
  }
  let body: GraphQLBody<TResult>;
  try {
    body = (await response.json()) as GraphQLBody<TResult>;
  } catch {
    throw new BelfryError(`Belfry answered ${response.status} without JSON`, 'HTTP_ERROR', response.status);
  }
  const first = body.errors?.[0];
  if (first) throw new BelfryError(first.message, first.extensions?.code ?? 'HTTP_ERROR', response.status);
  if (!body.data)
    throw new BelfryError(`Belfry answered ${response.status} without data`, 'HTTP_ERROR', response.status);
  return body.data;
}

/** `https://host/base` or `https://host/graphql` → the /graphql endpoint, and its ws(s) twin. */
export function endpointsOf(url: string): { http: string; ws: string } {
  const parsed = new URL(url);
  if (!/\/graphql\/?$/.test(parsed.pathname)) parsed.pathname = `${parsed.pathname.replace(/\/$/, '')}/graphql`;
  parsed.search = '';
  parsed.hash = '';
  const http = parsed.href;
  return { http, ws: http.replace(/^http/, 'ws') };
}

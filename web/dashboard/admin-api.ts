/** A GraphQL error as the dashboard shows it: the server's message, and the code when there is one. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface GraphQLReply<T> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/**
 * GraphQL over HTTP with an API key, for the operator dashboard. The key lives in this tab's
 * sessionStorage only (closing the tab signs out) and travels in the Authorization header,
 * never in a URL or a cookie.
 */
export class AdminApi {
  constructor(
    private readonly endpoint: URL,
    private readonly apiKey: string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `ApiKey ${this.apiKey}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new AdminApiError('Belfry cannot be reached: check the network and that the service runs.', 'NETWORK');
    }
    const reply = (await response.json().catch(() => ({}))) as GraphQLReply<T>;
    const [first] = reply.errors ?? [];
    if (first) throw new AdminApiError(first.message, first.extensions?.code);
    if (!response.ok || !reply.data) throw new AdminApiError(`Belfry answered HTTP ${response.status}`, undefined);
    return reply.data;
  }
}

const KEY_STORAGE = 'belfry:dashboard-api-key';

/** The key this tab signed in with, if any. */
export function storedApiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeApiKey(apiKey: string | null): void {
  if (apiKey) sessionStorage.setItem(KEY_STORAGE, apiKey);
  else sessionStorage.removeItem(KEY_STORAGE);
}

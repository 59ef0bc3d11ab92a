import { createClient, type Client } from 'graphql-ws';
import type { TypedDocument } from './http.js';

/** Where the live connection stands. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/** Handlers for one live subscription; `next` gets each event's data. */
export interface LiveSink<T> {
  next(data: T): void;
  error?(error: unknown): void;
}

export interface LiveOptions {
  url: string;
  getToken(): string | Promise<string>;
  /** A WebSocket constructor where there is no global one (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
  onStatus(status: LiveStatus): void;
  /** After every reconnect (not the first connect): the moment to catch up on what was missed. */
  onReconnected(): void;
}

/** Belfry closes a socket with 4401 when the token is refused or expires. */
const UNAUTHORIZED = 4401;

/** 1 s, 2 s, 4 s … capped at 15 s, plus up to 1 s of jitter so clients do not return in step. */
export function retryDelay(retries: number): number {
  return Math.min(1000 * 2 ** retries, 15_000) + Math.floor(Math.random() * 1000);
}

function closeCodeOf(event: unknown): number | undefined {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number'
    ? event.code
    : undefined;
}

/**
 * The graphql-ws connection with reconnect. `getToken()` is called on every (re)connect. A
 * refused or expired token (4401, which graphql-ws does not retry) rebuilds the client after a
 * back-off, so a fresh token from `getToken()` takes over; every subscription is started again.
 */
export class LiveConnection {
  private client: Client | undefined;
  private readonly subscriptions = new Set<{ start(client: Client): void; stop?: () => void }>();
  private hasConnected = false;
  private unauthorizedRetries = 0;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly options: LiveOptions) {}

  /** Starts a subscription that lives until the returned function is called (across reconnects). */
  subscribe<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables,
    sink: LiveSink<TResult>,
  ): () => void {
    const entry: { start(client: Client): void; stop?: () => void } = {
      start: (client) => {
        entry.stop = client.subscribe<TResult>(
          { query: document.toString(), variables: variables as Record<string, unknown> },
          {
            next: (result) => {
              if (result.data) sink.next(result.data);
            },
            error: (error) => this.onSubscriptionError(error, sink),
            complete: () => {},
          },
        );
      },
    };
    this.subscriptions.add(entry);
    entry.start(this.ensureClient());
    return () => {
      this.subscriptions.delete(entry);
      entry.stop?.();
    };
  }

  /** Closes the socket for good. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.rebuildTimer);
    for (const entry of this.subscriptions) entry.stop?.();
    this.subscriptions.clear();
    await this.client?.dispose();
    this.client = undefined;
  }

  private ensureClient(): Client {
    this.client ??= this.createClient();
    return this.client;
  }

  private createClient(): Client {
    const { options } = this;
    return createClient({
      url: options.url,
      lazy: true,
      webSocketImpl: options.webSocketImpl,
      connectionParams: async () => {
        const token = await options.getToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
      on: {
        connecting: () => options.onStatus(this.hasConnected ? 'reconnecting' : 'connecting'),
        connected: () => {
          this.unauthorizedRetries = 0;
          options.onStatus('live');
          if (this.hasConnected) options.onReconnected();
          this.hasConnected = true;
        },
        closed: (event) => {
          if (this.disposed) return;
          options.onStatus(closeCodeOf(event) === UNAUTHORIZED ? 'unauthorized' : 'reconnecting');
        },
      },
    });
  }

  /** graphql-ws ends every subscription with the close event when it gives up (4401): start over. */
  private onSubscriptionError(error: unknown, sink: LiveSink<unknown>): void {
    if (this.disposed) return;
    if (closeCodeOf(error) !== undefined) {
      this.scheduleRebuild();
      return;
    }
    sink.error?.(error);
  }

  private scheduleRebuild(): void {
    if (this.rebuildTimer !== undefined || this.disposed) return;
    const old = this.client;
    this.client = undefined;
    void old?.dispose();
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      if (this.disposed) return;
      const client = this.ensureClient();
      for (const entry of this.subscriptions) entry.start(client);
    }, retryDelay(this.unauthorizedRetries++));
  }
}

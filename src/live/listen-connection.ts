import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { reconnectDelay, RECONNECT_BACKOFF, type BackoffPolicy } from '../db/reconnect-backoff.js';
import type { Logger } from '../logger.js';

export interface ListenConnectionOptions {
  readonly connectionString: string;
  readonly channel: string;
  /** Shown in pg_stat_activity. */
  readonly applicationName: string;
  /** Each NOTIFY payload on the channel, from whichever connection is current. */
  onNotification(payload: string): void;
  /** After every reconnect (not the first connect): NOTIFYs sent while disconnected are lost. */
  onReconnected(): void;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  /** A connect (TCP, startup and LISTEN) that takes longer fails. */
  readonly connectTimeoutMs?: number;
}

/**
 * One LISTEN connection that stays up: when it drops (PostgreSQL stopped or restarted, the
 * backend terminated) a single reconnect loop retries with capped, jittered backoff until
 * it is back. Invariants, because each broken one multiplied connections and events:
 * at most one client exists at a time; only a client that is fully listening is watched
 * for loss, so a failed attempt never schedules anything itself; at most one loop runs.
 *
 * Logs one line per transition: lost, first failed attempt (with the next delay), restored.
 */
export class ListenConnection {
  private client?: pg.Client;
  private reconnecting?: Promise<void>;
  private readonly stopping = new AbortController();
  private totalAttempts = 0;

  constructor(private readonly options: ListenConnectionOptions) {}

  /** Connects and listens once; rejects if that fails (start-up should fail loudly). */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  /** Connection attempts made so far, the first one included. */
  get connectAttempts(): number {
    return this.totalAttempts;
  }

  /** True while a client is connected and listening. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    const client = this.client;
    this.client = undefined;
    if (client) await this.discard(client);
    await this.reconnecting;
  }

  /** One attempt: a fresh client, connected and listening, or a rejection with nothing left behind. */
  private async connect(): Promise<pg.Client> {
    this.totalAttempts++;
    const { connectionString, applicationName, channel, connectTimeoutMs = 5_000 } = this.options;
    const client = new pg.Client({
      connectionString,
      application_name: applicationName,
      connectionTimeoutMillis: connectTimeoutMs,
      keepAlive: true,
    });
    // A failing attempt reports through connect()'s rejection; its 'error' events must not crash the process.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      await this.discard(client);
      throw error;
    }
    if (this.stopping.signal.aborted) {
      await this.discard(client);
      throw new Error('closed');
    }
    client.on('notification', (message) => this.options.onNotification(message.payload ?? ''));
    const lost = (error?: Error) => this.lost(client, error);
    client.on('error', lost);
    client.on('end', () => lost());
    return client;
  }

  /** The current client failed: drop it and start the one reconnect loop. */
  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return; // already handled ('error' and 'end' both fire)
    this.client = undefined;
    void this.discard(client);
    if (this.stopping.signal.aborted) return;
    this.options.logger.warn(
      { err: error, application: this.options.applicationName },
      'database connection for live events lost; reconnecting',
    );
    this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined));
  }

  private async reconnect(): Promise<void> {
    const { logger, backoff = RECONNECT_BACKOFF } = this.options;
    const lostAt = Date.now();
    let attempts = 0;
    let delay = reconnectDelay(0, backoff);
    while (!this.stopping.signal.aborted) {
      try {
        await sleep(delay, undefined, { signal: this.stopping.signal });
      } catch {
        return; // closed while waiting
      }
      attempts++;
      try {
        this.client = await this.connect();
      } catch (error) {
        // stop() may have run while connect() was pending (TypeScript keeps the narrowing from before the await).
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (this.stopping.signal.aborted) return;
        delay = reconnectDelay(attempts, backoff);
        // One line per outage; the attempts after the first only at debug level.
        const level = attempts === 1 ? 'warn' : 'debug';
        logger[level](
          { err: error, attempt: attempts, nextDelayMs: delay },
          'live events reconnect failed; retrying with backoff',
        );
        continue;
      }
      logger.warn({ attempts: attempts, downMs: Date.now() - lostAt }, 'database connection for live events restored');
      this.options.onReconnected();
      return;
    }
  }

  private async discard(client: pg.Client): Promise<void> {
    client.removeAllListeners();
    client.on('error', () => {});
    await client.end().catch(() => {});
  }
}

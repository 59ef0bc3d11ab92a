import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import type { Logger } from '../logger.js';
import { ListenConnection } from './listen-connection.js';

/** How an event crosses processes: small enough for NOTIFY, rebuilt into its payload on arrival. */
export interface WireCodec {
  /** The JSON-safe form of an event's payload (e.g. only an id for a large record). */
  encode(type: string, detail: unknown): unknown;
  /** Rebuilds the payloads of events that arrived, in order; may read the database once per batch. */
  decode(events: readonly { type: string; wire: unknown }[]): Promise<unknown[]>;
}

/** NOTIFY payloads must stay under 8000 bytes; leave room for the envelope. */
const MAX_PAYLOAD_BYTES = 7_500;
const CHANNEL = 'belfry_live';
/** Events published within this window go out in one NOTIFY (or a few, by size). */
const FLUSH_DELAY_MS = 2;

/**
 * An EventTarget shared by every Belfry process on one PostgreSQL database. Events dispatched
 * here reach local listeners at once and, batched into one NOTIFY per short tick, every other
 * process, whose LISTEN connection dispatches them to its own listeners. The listening
 * connection reconnects by itself when PostgreSQL restarts or the connection is killed
 * (see ListenConnection: one connection, one reconnect loop).
 */
export class PgEventTarget extends EventTarget {
  readonly origin = randomUUID();
  /** The LISTEN connection (its state and attempt count are read by tests). */
  readonly connection: ListenConnection;
  private pending: { type: string; wire: unknown }[] = [];
  private flushTimer?: NodeJS.Timeout;
  private readonly reconnectedCallbacks: (() => void)[] = [];
  /** Whether the last publish failed because the database was unreachable (logged once per outage). */
  private publishFailing = false;
  /** Called whenever the LISTEN connection is (re)established; for tests. */
  onListening: () => void = () => {};

  constructor(
    connectionString: string,
    private readonly publish: (sql: string, params: unknown[]) => Promise<unknown>,
    private readonly codec: WireCodec,
    private readonly logger: Logger,
  ) {
    super();
    // One listener per subscription: thousands of sockets may watch the same user.
    setMaxListeners(0, this);
    this.connection = new ListenConnection({
      connectionString,
      channel: CHANNEL,
      applicationName: 'belfry-live',
      onNotification: (payload) => void this.receive(payload),
      onReconnected: () => {
        this.onListening();
        for (const callback of this.reconnectedCallbacks) callback();
      },
      logger,
    });
  }

  async start(): Promise<void> {
    await this.connection.start();
    this.onListening();
  }

  /**
   * Runs `callback` after each reconnect of the LISTEN connection: events other processes
   * published while it was down never arrive, so whatever they carried must be re-read.
   */
  onReconnected(callback: () => void): void {
    this.reconnectedCallbacks.push(callback);
  }

  private readonly listenerCounts = new Map<string, number>();

  /** Whether any subscriber in this process listens for `type`: events nobody here wants are not decoded. */
  hasListeners(type: string): boolean {
    return (this.listenerCounts.get(type) ?? 0) > 0;
  }

  override addEventListener(...[type, callback, options]: Parameters<EventTarget['addEventListener']>): void {
    this.listenerCounts.set(type, (this.listenerCounts.get(type) ?? 0) + 1);
    super.addEventListener(type, callback, options);
  }

  override removeEventListener(...[type, callback, options]: Parameters<EventTarget['removeEventListener']>): void {
    const count = (this.listenerCounts.get(type) ?? 0) - 1;
    if (count > 0) this.listenerCounts.set(type, count);
    else this.listenerCounts.delete(type);
    super.removeEventListener(type, callback, options);
  }

  override dispatchEvent(event: Event): boolean {
    const detail = (event as CustomEvent<unknown>).detail;
    this.pending.push({ type: event.type, wire: this.codec.encode(event.type, detail) });
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
    return super.dispatchEvent(event);
  }

  async close(): Promise<void> {
    clearTimeout(this.flushTimer);
    await this.flush();
    await this.connection.close();
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const events = this.pending.splice(0);
    for (const payload of packIntoPayloads(this.origin, events)) {
      try {
        await this.publish('select pg_notify(?, ?)', [CHANNEL, payload]);
        this.publishFailing = false;
      } catch (error) {
        const unavailable = isDatabaseUnavailable(error);
        // During an outage every send fails the same way: say so once, not once per event.
        if (!unavailable || !this.publishFailing)
          this.logger[unavailable ? 'warn' : 'error'](
            { err: error },
            'could not publish live events to other processes',
          );
        this.publishFailing = unavailable;
      }
    }
  }

  private async receive(payload: string): Promise<void> {
    let batch: { o: string; e: { type: string; wire: unknown }[] };
    try {
      batch = JSON.parse(payload) as typeof batch;
    } catch {
      return;
    }
    if (batch.o === this.origin) return; // already dispatched locally
    const wanted = batch.e.filter((event) => this.hasListeners(event.type));
    if (!wanted.length) return;
    try {
      const details = await this.codec.decode(wanted);
      wanted.forEach((event, index) => {
        if (details[index] !== undefined) super.dispatchEvent(new CustomEvent(event.type, { detail: details[index] }));
      });
    } catch (error) {
      this.logger.error({ err: error }, 'could not decode live events from another process');
    }
  }
}

/** Splits events into NOTIFY payloads under the size limit, each `{ o: origin, e: events }`. */
export function packIntoPayloads(origin: string, events: readonly { type: string; wire: unknown }[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 0;
  const envelope = (parts: string[]) => `{"o":${JSON.stringify(origin)},"e":[${parts.join(',')}]}`;
  for (const event of events) {
    const text = JSON.stringify(event);
    if (text.length + 64 > MAX_PAYLOAD_BYTES) continue; // codecs keep events small; never send what NOTIFY would refuse
    if (size + text.length + 64 > MAX_PAYLOAD_BYTES && current.length) {
      payloads.push(envelope(current));
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length + 1;
  }
  if (current.length) payloads.push(envelope(current));
  return payloads;
}

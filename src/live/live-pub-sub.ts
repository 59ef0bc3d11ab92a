import { setMaxListeners } from 'node:events';

/** Topic name → [routing id, payload], as type-graphql's PubSub types them. */
export type TopicMap = Record<string, [id: string, payload: unknown]>;

/**
 * Events that arrive faster than one subscriber takes them wait in its buffer; past this
 * many the subscription ends (the client sees `complete` and catches up with a query)
 * rather than holding memory for a consumer that is not reading.
 */
export const MAX_BUFFERED_EVENTS = 1_000;

/**
 * The pub/sub behind GraphQL subscriptions (type-graphql's `pubSub`), built for many
 * subscribers per topic. Events travel through an EventTarget (in-process, or PgEventTarget
 * across processes) as `<topic>:<id>`; this process listens once per such key, however many
 * sockets watch it, and hands each event to every subscriber's small async iterator.
 *
 * A general pub/sub (graphql-yoga's) adds one EventTarget listener and one Repeater per
 * subscription: with ten thousand sockets on one user, that is ten thousand listener
 * dispatches and Repeater pushes per event, and about a third more memory per socket.
 */
export class LivePubSub<Topics extends TopicMap> {
  private readonly subscribers = new Map<string, Set<LiveSubscription<unknown>>>();

  constructor(private readonly target: EventTarget = new EventTarget()) {
    setMaxListeners(0, target);
  }

  /** Publishes `payload` to the subscribers of `topic` for `id`, in this process and, through the target, others. */
  publish<Topic extends keyof Topics & string>(topic: Topic, id: Topics[Topic][0], payload: Topics[Topic][1]): void {
    this.target.dispatchEvent(new CustomEvent(`${topic}:${id}`, { detail: payload }));
  }

  /**
   * Hands `payload` to this process's subscribers of `topic` for `id` only: for state that
   * every process re-reads for its own subscribers (e.g. after missing events).
   */
  publishLocally<Topic extends keyof Topics & string>(
    topic: Topic,
    id: Topics[Topic][0],
    payload: Topics[Topic][1],
  ): void {
    this.deliver(new CustomEvent(`${topic}:${id}`, { detail: payload }));
  }

  /** The ids that have at least one subscriber to `topic` in this process. */
  subscribedIds(topic: keyof Topics & string): string[] {
    const prefix = `${topic}:`;
    return [...this.subscribers.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }

  /** An async iterator of the payloads published to `topic` for `id` from now on; `return()` ends it. */
  subscribe<Topic extends keyof Topics & string>(
    topic: Topic,
    id: Topics[Topic][0],
  ): AsyncIterableIterator<Topics[Topic][1]> {
    const key = `${topic}:${id}`;
    let subscribers = this.subscribers.get(key);
    if (!subscribers) {
      this.subscribers.set(key, (subscribers = new Set()));
      this.target.addEventListener(key, this.deliver);
    }
    const subscription: LiveSubscription<unknown> = new LiveSubscription(() => this.unsubscribe(key, subscription));
    subscribers.add(subscription);
    return subscription as LiveSubscription<Topics[Topic][1]>;
  }

  /** Subscriptions currently open in this process. */
  get size(): number {
    let count = 0;
    for (const subscribers of this.subscribers.values()) count += subscribers.size;
    return count;
  }

  private readonly deliver = (event: Event): void => {
    const subscribers = this.subscribers.get(event.type);
    if (!subscribers) return;
    const { detail } = event as CustomEvent<unknown>;
    for (const subscriber of subscribers) subscriber.push(detail);
  };

  private unsubscribe(key: string, subscription: LiveSubscription<unknown>): void {
    const subscribers = this.subscribers.get(key);
    if (!subscribers?.delete(subscription) || subscribers.size) return;
    this.subscribers.delete(key);
    this.target.removeEventListener(key, this.deliver);
  }
}

/** One subscriber's iterator: a pending `next()` is answered by the next push, or pushes wait in a buffer. */
class LiveSubscription<T> implements AsyncIterableIterator<T> {
  private buffer?: T[];
  private waiting?: (result: IteratorResult<T>) => void;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else if ((this.buffer ??= []).push(value) > MAX_BUFFERED_EVENTS) {
      void this.return();
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer?.length) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.buffer = undefined;
      this.onEnd();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

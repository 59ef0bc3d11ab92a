import { describe, expect, it } from 'vitest';
import { LivePubSub, MAX_BUFFERED_EVENTS } from './live-pub-sub.js';

type Topics = { ADDED: [userId: string, payload: { n: number }] };

/** An EventTarget that counts its listeners per type, as PgEventTarget does. */
class CountingTarget extends EventTarget {
  readonly listeners = new Map<string, number>();
  override addEventListener(...[type, callback, options]: Parameters<EventTarget['addEventListener']>): void {
    this.listeners.set(type, (this.listeners.get(type) ?? 0) + 1);
    super.addEventListener(type, callback, options);
  }
  override removeEventListener(...[type, callback, options]: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners.set(type, (this.listeners.get(type) ?? 0) - 1);
    super.removeEventListener(type, callback, options);
  }
}

describe('LivePubSub', () => {
  it('listens once per topic and id however many subscribe, and stops listening when the last leaves', async () => {
    const target = new CountingTarget();
    const pubSub = new LivePubSub<Topics>(target);
    const a = pubSub.subscribe('ADDED', 'ann');
    const b = pubSub.subscribe('ADDED', 'ann');
    const other = pubSub.subscribe('ADDED', 'bob');
    expect(target.listeners.get('ADDED:ann')).toBe(1);

    pubSub.publish('ADDED', 'ann', { n: 1 });
    expect(await a.next()).toEqual({ value: { n: 1 }, done: false });
    expect(await b.next()).toEqual({ value: { n: 1 }, done: false });

    await a.return!();
    expect(target.listeners.get('ADDED:ann')).toBe(1);
    await b.return!();
    expect(target.listeners.get('ADDED:ann')).toBe(0);
    expect(pubSub.size).toBe(1);
    await other.return!();
    expect(pubSub.size).toBe(0);
  });

  it('hands a waiting next() the next event, and keeps events that come before next() in order', async () => {
    const pubSub = new LivePubSub<Topics>();
    const subscription = pubSub.subscribe('ADDED', 'ann');
    const waiting = subscription.next();
    pubSub.publish('ADDED', 'ann', { n: 1 });
    pubSub.publish('ADDED', 'ann', { n: 2 });
    pubSub.publish('ADDED', 'ann', { n: 3 });
    expect((await waiting).value).toEqual({ n: 1 });
    expect((await subscription.next()).value).toEqual({ n: 2 });
    expect((await subscription.next()).value).toEqual({ n: 3 });
    pubSub.publish('ADDED', 'bob', { n: 4 });
    const pending = subscription.next();
    await subscription.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a subscription whose consumer falls more than the buffer behind', async () => {
    const pubSub = new LivePubSub<Topics>();
    const subscription = pubSub.subscribe('ADDED', 'slow');
    for (let n = 0; n <= MAX_BUFFERED_EVENTS; n++) pubSub.publish('ADDED', 'slow', { n });
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    expect(pubSub.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { LivePubSub } from './live-pub-sub.js';
import { mapAsyncIterator } from './map-async-iterator.js';

type Topics = { ADDED: [userId: string, payload: { n: number }] };

describe('mapAsyncIterator', () => {
  it('maps each value, awaiting the mapping', async () => {
    const pubSub = new LivePubSub<Topics>();
    const doubled = mapAsyncIterator(pubSub.subscribe('ADDED', 'ann'), async ({ n }) => n * 2);
    pubSub.publish('ADDED', 'ann', { n: 2 });
    expect(await doubled.next()).toEqual({ value: 4, done: false });
    await doubled.return();
    expect(await doubled.next()).toEqual({ value: undefined, done: true });
  });

  it('ends the source at once when returned while a next() waits for an event', async () => {
    const pubSub = new LivePubSub<Topics>();
    const mapped = mapAsyncIterator(pubSub.subscribe('ADDED', 'ann'), ({ n }) => n);
    const waiting = mapped.next();
    await mapped.return();
    expect(pubSub.size).toBe(0);
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('ends the source when the mapping throws', async () => {
    const pubSub = new LivePubSub<Topics>();
    const mapped = mapAsyncIterator(pubSub.subscribe('ADDED', 'ann'), () => {
      throw new Error('boom');
    });
    pubSub.publish('ADDED', 'ann', { n: 1 });
    await expect(mapped.next()).rejects.toThrow('boom');
    expect(pubSub.size).toBe(0);
  });
});

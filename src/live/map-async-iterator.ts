/**
 * `source` with `map` applied to each value. Unlike an `async function*` wrapper, `return()`
 * reaches the source at once even while a `next()` is waiting on it: a subscriber that
 * unsubscribes while no event is coming frees its pub/sub subscription now, not at the
 * next event (an async generator queues `return()` behind the pending `next()`).
 */
export function mapAsyncIterator<T, U>(
  source: AsyncIterable<T>,
  map: (value: T) => U | Promise<U>,
): AsyncGenerator<U, void, void> {
  const iterator = source[Symbol.asyncIterator]();
  const mapped = async (result: IteratorResult<T>): Promise<IteratorResult<U, void>> => {
    if (result.done) return { value: undefined, done: true };
    try {
      return { value: await map(result.value), done: false };
    } catch (error) {
      await iterator.return?.();
      throw error;
    }
  };
  return {
    next: async () => mapped(await iterator.next()),
    return: async () => {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      if (iterator.throw) return mapped(await iterator.throw(error));
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

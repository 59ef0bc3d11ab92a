import type { Client, ExecutionResult } from 'graphql-ws';
import type { RunningBelfry } from '../../src/app.js';

/** A subscription whose next result can be awaited (no sleeps: each event resolves a promise). */
export interface LiveSubscription<T> {
  next(timeoutMs?: number): Promise<ExecutionResult<T>>;
  /** Results received but not yet taken with next(). */
  readonly pending: ExecutionResult<T>[];
  stop(): void;
}

export function subscribe<T = Record<string, any>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): LiveSubscription<T> {
  const pending: ExecutionResult<T>[] = [];
  const waiters: ((result: ExecutionResult<T>) => void)[] = [];
  const deliver = (result: ExecutionResult<T>) => {
    const waiter = waiters.shift();
    if (waiter) waiter(result);
    else pending.push(result);
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: deliver,
      error: (error) =>
        deliver({
          errors: Array.isArray(error)
            ? error
            : [
                {
                  message:
                    error instanceof Error
                      ? error.message
                      : String((error as { reason?: string } | null)?.reason ?? error),
                },
              ],
        }),
      complete: () => {},
    },
  );
  return {
    pending,
    next(timeoutMs = 5_000) {
      const ready = pending.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const waiter = (result: ExecutionResult<T>) => {
          clearTimeout(timer);
          resolve(result);
        };
        // A waiter that timed out leaves the queue, so a late event is kept for the next call instead of vanishing.
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no subscription event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: unsubscribe,
  };
}

/** Resolves once the server holds exactly `count` active subscriptions. */
export async function untilSubscriptions(app: RunningBelfry, count: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (app.activeSubscriptions() !== count) {
    if (Date.now() > deadline)
      throw new Error(`server has ${app.activeSubscriptions()} subscriptions, expected ${count}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

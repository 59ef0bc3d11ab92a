import { describe, expect, it } from 'vitest';
import { abortable } from './abortable.js';

describe('abortable', () => {
  it('rejects with the reason of a signal aborted already, and leaves no unhandled rejection behind', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    // vitest fails the run on an unhandled rejection: the work's own failure must be absorbed.
    const work = Promise.reject(new Error('the request failed too'));
    await expect(abortable(work, controller.signal)).rejects.toThrow('stopped');
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('settles with the work, or with the reason as soon as the signal aborts', async () => {
    expect(await abortable(Promise.resolve(7), new AbortController().signal)).toBe(7);
    const controller = new AbortController();
    const pending = abortable(new Promise<never>(() => {}), controller.signal);
    controller.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });
});

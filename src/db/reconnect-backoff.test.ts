import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect-backoff.js';

describe('reconnectDelay', () => {
  const policy = { initialMs: 100, maxMs: 2_000 };

  it('doubles from the initial delay and stops at the cap', () => {
    const top = (attempt: number) => reconnectDelay(attempt, policy, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(top)).toEqual([100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000]);
  });

  it('jitters between half and all of the capped delay', () => {
    expect(reconnectDelay(3, policy, () => 0)).toBe(400);
    expect(reconnectDelay(3, policy, () => 0.5)).toBe(600);
    for (let i = 0; i < 100; i++) {
      const delay = reconnectDelay(10, policy);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});

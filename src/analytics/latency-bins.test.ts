import { describe, expect, it } from 'vitest';
import { binSeconds, latencyBin, percentile, type LatencyHistogram } from './latency-bins.js';

describe('latency bins', () => {
  it('puts a time in a bin whose middle is within 12% of it', () => {
    for (const seconds of [0.02, 0.3, 1, 4.2, 61, 3600, 86_400]) {
      const middle = binSeconds(latencyBin(seconds));
      expect(Math.abs(middle - seconds) / seconds).toBeLessThan(0.12);
    }
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(-5)).toBe(0);
    expect(latencyBin(1_000 * 86_400)).toBe(99);
  });

  it('reads percentiles by nearest rank', () => {
    const histogram: LatencyHistogram = new Map();
    // 90 sends at ~1 s, 10 at ~60 s: p50 is ~1 s, p95 ~60 s.
    histogram.set(latencyBin(1), 90);
    histogram.set(latencyBin(60), 10);
    expect(percentile(histogram, 0.5)).toBeCloseTo(binSeconds(latencyBin(1)), 3);
    expect(percentile(histogram, 0.95)).toBeCloseTo(binSeconds(latencyBin(60)), 3);
    expect(percentile(new Map(), 0.5)).toBeNull();
  });
});

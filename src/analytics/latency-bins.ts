/**
 * Queued→sent times are counted in logarithmic bins (the SQL function `stats_latency_bin`
 * in the stats migration): bin `i` holds times from 10 ms × 1.25^i up to the next bin,
 * bin 0 everything under 12.5 ms, bin 99 everything from ~450 days on. A percentile read
 * back from the bins is within ±12% of the exact one.
 */
const FIRST_EDGE_SECONDS = 0.01;
const GROWTH = 1.25;
export const LATENCY_BINS = 100;

/** The bin a time falls in, as `stats_latency_bin` computes it (for tests and tools). */
export function latencyBin(seconds: number): number {
  const bin = Math.floor(Math.log(Math.max(seconds, FIRST_EDGE_SECONDS) / FIRST_EDGE_SECONDS) / Math.log(GROWTH));
  return Math.min(LATENCY_BINS - 1, Math.max(0, bin));
}

/** The time a bin stands for: the geometric middle of its bounds. */
export function binSeconds(bin: number): number {
  return FIRST_EDGE_SECONDS * GROWTH ** (bin + 0.5);
}

/** Counts per bin, summed over whatever rows were merged. */
export type LatencyHistogram = Map<number, number>;

export function addToHistogram(histogram: LatencyHistogram, bin: number, count: number): void {
  histogram.set(bin, (histogram.get(bin) ?? 0) + count);
}

/**
 * The `fraction` percentile (0.5 for p50) by nearest rank, in seconds rounded to the
 * millisecond, or null when the histogram is empty.
 */
export function percentile(histogram: LatencyHistogram, fraction: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * total));
  let seen = 0;
  for (const bin of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bin) ?? 0;
    if (seen >= rank) return Math.round(binSeconds(bin) * 1000) / 1000;
  }
  return null;
}

/**
 * The analytics tables, written by triggers and raw SQL only (see the stats migration): no
 * entity maps them, so the migration writer is told to leave them alone.
 */
export const STATS_TABLES = ['stats_rollups', 'stats_skip_rollups', 'stats_latency_rollups', 'stats_deltas'] as const;

/** The counters every rollup row and delta holds, in column order. */
export const STATS_COUNTERS = [
  'created',
  'sent',
  'delivered',
  'failed',
  'bounced',
  'complained',
  'opened',
  'clicked',
  'skipped',
  'read',
] as const;

export type StatsCounter = (typeof STATS_COUNTERS)[number];

import type { EntityManager } from '@mikro-orm/sql';
import type { Logger } from '../logger.js';
import { runSql } from '../sql/run-sql.js';
import { STATS_COUNTERS } from './stats-tables.js';

/** Deltas moved per statement: each fold is a short transaction whatever the backlog. */
const FOLD_BATCH = 50_000;
/** How often workers fold; a query reads the deltas not yet folded, so this bounds only their number. */
export const FOLD_INTERVAL_MS = 10_000;

const KEY = 'bucket, channel, template_key, category, backend';
const added = (table: string, columns: readonly string[]) =>
  columns.map((column) => `${column} = ${table}.${column} + excluded.${column}`).join(', ');

/**
 * One statement: takes up to {@link FOLD_BATCH} deltas out of `stats_deltas` and adds them
 * to the three rollup tables, each at both spans (the hour, and the UTC day). Two folds at
 * once are safe: a delta deleted by one is skipped by the other, and the upserts add, never
 * overwrite.
 */
const FOLD_SQL = `with moved as (
    delete from stats_deltas where ctid = any (array(select ctid from stats_deltas limit ${FOLD_BATCH}))
    returning *
  ), spanned as (
    select spans.span, case spans.span when 'hour' then m.bucket else date_trunc('day', m.bucket, 'UTC') end as bucket,
           m.channel, m.template_key, m.category, m.backend, ${STATS_COUNTERS.map((name) => `m.${name}`).join(', ')},
           m.skip_reason, m.latency_bin
      from moved m cross join (values ('hour'), ('day')) as spans (span)
  ), counters as (
    insert into stats_rollups (span, ${KEY}, ${STATS_COUNTERS.join(', ')})
    select span, ${KEY}, ${STATS_COUNTERS.map((name) => `sum(${name})`).join(', ')} from spanned group by span, ${KEY}
    on conflict (span, ${KEY}) do update set ${added('stats_rollups', STATS_COUNTERS)}
  ), skips as (
    insert into stats_skip_rollups (span, ${KEY}, reason, count)
    select span, ${KEY}, skip_reason, sum(skipped) from spanned where skip_reason is not null group by span, ${KEY}, skip_reason
    on conflict (span, ${KEY}, reason) do update set ${added('stats_skip_rollups', ['count'])}
  ), latencies as (
    insert into stats_latency_rollups (span, ${KEY}, bin, count)
    select span, ${KEY}, latency_bin, sum(sent) from spanned where latency_bin is not null group by span, ${KEY}, latency_bin
    on conflict (span, ${KEY}, bin) do update set ${added('stats_latency_rollups', ['count'])}
  )
  select count(*)::int as moved from moved`;

/**
 * Folds the analytics deltas the triggers append into the hourly rollups, so that a stats
 * query reads a few rows per hour and group however many deliveries there were. Runs on
 * worker processes every {@link FOLD_INTERVAL_MS}; any process may fold at any time.
 */
export class StatsRollup {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private failing = false;

  constructor(
    private readonly em: EntityManager,
    private readonly logger: Logger,
  ) {}

  /** Folds every delta there is now; returns how many went. */
  async fold(): Promise<number> {
    let total = 0;
    for (;;) {
      const [row] = await runSql<{ moved: number }>(this.em.fork(), FOLD_SQL, []);
      const moved = row?.moved ?? 0;
      total += moved;
      if (moved < FOLD_BATCH) return total;
    }
  }

  /** Folds every {@link FOLD_INTERVAL_MS} until stopped; a failure (the database away) is logged once per streak. */
  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.fold()
        .then((moved) => {
          if (this.failing) this.logger.info('analytics rollup: folding again');
          this.failing = false;
          return moved;
        })
        .catch((error: unknown) => {
          if (!this.failing) this.logger.warn({ err: error }, 'analytics rollup: fold failed; will retry');
          this.failing = true;
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, FOLD_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a fold in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { Category, Channel } from '../shared/enums.js';
import { BadUserInputError } from '../shared/errors.js';
import { runSql, textArray } from '../sql/run-sql.js';
import { addToHistogram, percentile, type LatencyHistogram } from './latency-bins.js';
import { STATS_COUNTERS, type StatsCounter } from './stats-tables.js';
import {
  StatsGroupBy,
  StatsInterval,
  type NotificationStats,
  type NotificationStatsInput,
  type NotificationStatsRow,
} from './stats.types.js';

const DAY_MS = 86_400_000;
/** The widest range per interval: a month of hours, two years of days. */
const MAX_RANGE_DAYS: Record<StatsInterval, number> = { [StatsInterval.HOUR]: 31, [StatsInterval.DAY]: 731 };
const CHANNELS = Object.values(Channel);
const CATEGORIES = Object.values(Category);
const GROUP_ORDER = [StatsGroupBy.CHANNEL, StatsGroupBy.TEMPLATE, StatsGroupBy.CATEGORY, StatsGroupBy.BACKEND];

/** The counters, plus the denominators of the per-channel rates (opens are email's, reads in-app's). */
type Counts = Record<StatsCounter | 'email_delivered' | 'in_app_delivered', number>;
const SUMMED = [...STATS_COUNTERS, 'email_delivered', 'in_app_delivered'] as const;
type GroupValues = Partial<Record<StatsGroupBy, string>>;

interface Tally {
  readonly bucket: Date | null;
  readonly group: GroupValues;
  readonly counts: Counts;
  readonly skips: Map<string, number>;
  readonly latency: LatencyHistogram;
}

/** A piece of SQL and the values of its placeholders. */
interface Clause {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A validated query: the columns to group by, and which rollup rows and deltas it reads. */
interface Plan {
  readonly start: Date;
  readonly to: Date;
  readonly interval: StatsInterval;
  readonly timeZone: string;
  readonly groups: readonly StatsGroupBy[];
  /** The rollup rows: day rows for the whole UTC days of a UTC DAY query, hour rows for the rest. */
  readonly rollups: Clause;
  /** The unfolded deltas (always hours). */
  readonly deltas: Clause;
}

/** Names PostgreSQL reads as UTC itself: their days are the day rollups' days. */
const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'zulu', 'etc/zulu', 'universal', 'etc/universal']);

/**
 * notificationStats: reads the rollups the stats triggers keep (and the deltas not folded
 * into them yet), never the deliveries table, so its cost follows the number of hours (or
 * UTC days) and groups in the range, not the number of deliveries.
 */
export class StatsService {
  async query(em: EntityManager, input: NotificationStatsInput): Promise<NotificationStats> {
    const plan = await this.plan(em, input);
    const tallies = new Map<string, Tally>();
    const tallyOf = (row: Record<string, unknown>): Tally => {
      const bucket = new Date(row.start as Date | string);
      const group: GroupValues = Object.fromEntries(plan.groups.map((name) => [name, String(row[name])]));
      const key = JSON.stringify([bucket.getTime(), ...plan.groups.map((name) => group[name])]);
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = emptyTally(bucket, group)));
      return tally;
    };

    for (const row of await this.read(em, plan, 'counters')) {
      const tally = tallyOf(row);
      for (const name of SUMMED) tally.counts[name] += Number(row[name]);
    }
    for (const row of await this.read(em, plan, 'skips')) {
      const tally = tallyOf(row);
      tally.skips.set(String(row.reason), (tally.skips.get(String(row.reason)) ?? 0) + Number(row.count));
    }
    for (const row of await this.read(em, plan, 'latency'))
      addToHistogram(tallyOf(row).latency, Number(row.bin), Number(row.count));

    const ordered = [...tallies.values()].sort(compareTallies(plan.groups));
    const totals = emptyTally(null, {});
    const perGroup = new Map<string, Tally>();
    for (const tally of ordered) {
      mergeInto(totals, tally);
      const key = JSON.stringify(plan.groups.map((name) => tally.group[name]));
      let group = perGroup.get(key);
      if (!group) perGroup.set(key, (group = emptyTally(null, tally.group)));
      mergeInto(group, tally);
    }

    const id = queryId(plan, input);
    return {
      id,
      from: plan.start,
      to: plan.to,
      interval: plan.interval,
      timeZone: plan.timeZone,
      rows: ordered.map((tally) => toRow(id, tally)),
      groupTotals: [...perGroup.values()].sort(compareTallies(plan.groups)).map((tally) => toRow(id, tally)),
      totals: toRow(id, totals),
    };
  }

  /** Checks the input and rounds `from` down to the interval in the time zone (PostgreSQL's own zone names decide). */
  private async plan(em: EntityManager, input: NotificationStatsInput): Promise<Plan> {
    const { from, to, interval } = input;
    if (!(from.getTime() < to.getTime())) throw new BadUserInputError('to must be later than from', ['input.to']);
    const maxDays = MAX_RANGE_DAYS[interval];
    if (to.getTime() - from.getTime() > maxDays * DAY_MS)
      throw new BadUserInputError(
        `the range may span at most ${maxDays} days with interval ${interval.toUpperCase()}`,
        ['input.to'],
      );
    const timeZone = input.timeZone.trim();
    let start: Date;
    try {
      const [row] = await runSql<{ start: Date | string }>(em, `select date_trunc(?, ?::timestamptz, ?) as start`, [
        interval,
        from.toISOString(),
        timeZone,
      ]);
      start = new Date(row!.start);
    } catch (error) {
      if ((error as { code?: string }).code === '22023' || /time zone/i.test((error as Error).message))
        throw new BadUserInputError(`timeZone "${timeZone}" is not a time zone name (e.g. Europe/Berlin)`, [
          'input.timeZone',
        ]);
      throw error;
    }
    const groups = GROUP_ORDER.filter((name) => input.groupBy.includes(name));
    const filters: string[] = [];
    const filterParams: unknown[] = [];
    const filter = input.filter;
    const lists: [string, readonly string[] | null | undefined][] = [
      ['channel', filter?.channels satisfies readonly Channel[] | null | undefined],
      ['template_key', filter?.templateKeys],
      ['category', filter?.categories satisfies readonly Category[] | null | undefined],
      ['backend', filter?.backends],
    ];
    for (const [column, values] of lists) {
      if (!values) continue;
      filters.push(` and ${column} = any(?::text[])`);
      filterParams.push(textArray(values));
    }
    const filterSql = filters.join('');
    const iso = (date: Date) => date.toISOString();

    // Whole UTC days come from the day rows; the hours of a last, partial day from hour rows.
    let rollups: Clause = {
      sql: `span = 'hour' and bucket >= ? and bucket < ?${filterSql}`,
      params: [iso(start), iso(to), ...filterParams],
    };
    if (interval === StatsInterval.DAY && UTC_NAMES.has(timeZone.toLowerCase())) {
      const lastDay = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()));
      const hoursFrom = lastDay > start ? lastDay : start;
      rollups = {
        sql: `((span = 'day' and bucket >= ? and bucket < ?) or (span = 'hour' and bucket >= ? and bucket < ?))${filterSql}`,
        params: [iso(start), iso(hoursFrom), iso(hoursFrom), iso(to), ...filterParams],
      };
    }
    const deltas: Clause = {
      sql: `bucket >= ? and bucket < ?${filterSql}`,
      params: [iso(start), iso(to), ...filterParams],
    };
    return { start, to, interval, timeZone, groups, rollups, deltas };
  }

  /** One of the three rollups, plus its share of the unfolded deltas, summed per bucket and group. */
  private read(
    em: EntityManager,
    plan: Plan,
    what: 'counters' | 'skips' | 'latency',
  ): Promise<Record<string, unknown>[]> {
    const groupColumns = plan.groups.map((name) => `, ${name}`).join('');
    const base = `bucket${groupColumns}`;
    let folded: string;
    let pending: string;
    let sums: string;
    let extraKey = '';
    switch (what) {
      case 'counters':
        folded = `select ${base}, channel as of_channel, ${STATS_COUNTERS.join(', ')} from stats_rollups where ${plan.rollups.sql}`;
        pending = `select ${base}, channel, ${STATS_COUNTERS.join(', ')} from stats_deltas where ${plan.deltas.sql}`;
        sums = [
          ...STATS_COUNTERS.map((name) => `sum(${name})::float8 as ${name}`),
          `(sum(delivered) filter (where of_channel = 'email'))::float8 as email_delivered`,
          `(sum(delivered) filter (where of_channel = 'in_app'))::float8 as in_app_delivered`,
        ].join(', ');
        break;
      case 'skips':
        folded = `select ${base}, reason, count from stats_skip_rollups where ${plan.rollups.sql}`;
        pending = `select ${base}, skip_reason, skipped from stats_deltas where skip_reason is not null and ${plan.deltas.sql}`;
        sums = 'reason, sum(count)::float8 as count';
        extraKey = ', reason';
        break;
      case 'latency':
        folded = `select ${base}, bin, count from stats_latency_rollups where ${plan.rollups.sql}`;
        pending = `select ${base}, latency_bin, sent from stats_deltas where latency_bin is not null and ${plan.deltas.sql}`;
        sums = 'bin, sum(count)::float8 as count';
        extraKey = ', bin';
        break;
    }
    // The union's column names come from its first branch (reason, bin, count).
    return runSql<Record<string, unknown>>(
      em,
      `select date_trunc(?, bucket, ?) as start${groupColumns}, ${sums}
         from (${folded} union all ${pending}) r
        group by 1${groupColumns}${extraKey}`,
      [plan.interval, plan.timeZone, ...plan.rollups.params, ...plan.deltas.params],
    );
  }
}

function emptyTally(bucket: Date | null, group: GroupValues): Tally {
  const counts = Object.fromEntries(SUMMED.map((name) => [name, 0])) as Counts;
  return { bucket, group, counts, skips: new Map(), latency: new Map() };
}

function mergeInto(target: Tally, source: Tally): void {
  for (const name of SUMMED) target.counts[name] += source.counts[name];
  for (const [reason, count] of source.skips) target.skips.set(reason, (target.skips.get(reason) ?? 0) + count);
  for (const [bin, count] of source.latency) addToHistogram(target.latency, bin, count);
}

function compareTallies(groups: readonly StatsGroupBy[]) {
  return (a: Tally, b: Tally): number => {
    const byTime = (a.bucket?.getTime() ?? 0) - (b.bucket?.getTime() ?? 0);
    if (byTime) return byTime;
    for (const name of groups) {
      const order = (a.group[name] ?? '').localeCompare(b.group[name] ?? '');
      if (order) return order;
    }
    return 0;
  };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function toRow(queryId: string, tally: Tally): NotificationStatsRow {
  const { counts, group } = tally;
  const groupKey = GROUP_ORDER.map((name) => group[name] ?? '*').join(':');
  return {
    id: `${queryId}:${tally.bucket?.toISOString() ?? 'totals'}:${groupKey}`,
    bucket: tally.bucket,
    channel: CHANNELS.find((channel) => channel === group[StatsGroupBy.CHANNEL]) ?? null,
    templateKey: group[StatsGroupBy.TEMPLATE] ?? null,
    category: CATEGORIES.find((category) => category === group[StatsGroupBy.CATEGORY]) ?? null,
    backend: group[StatsGroupBy.BACKEND] ?? null,
    created: counts.created,
    sent: counts.sent,
    delivered: counts.delivered,
    failed: counts.failed,
    bounced: counts.bounced,
    complained: counts.complained,
    opened: counts.opened,
    clicked: counts.clicked,
    skipped: counts.skipped,
    read: counts.read,
    skippedByReason: [...tally.skips]
      .filter(([, count]) => count > 0)
      .sort(([reasonA, a], [reasonB, b]) => b - a || reasonA.localeCompare(reasonB))
      .map(([reason, count]) => ({ reason, count })),
    deliveryRate: ratio(counts.delivered, counts.sent),
    openRate: ratio(counts.opened, counts.email_delivered),
    clickRate: ratio(counts.clicked, counts.email_delivered),
    readRate: ratio(counts.read, counts.in_app_delivered),
    queuedToSentP50: percentile(tally.latency, 0.5),
    queuedToSentP95: percentile(tally.latency, 0.95),
  };
}

/** The same input always gets the same id, so a client cache keeps different queries apart. */
function queryId(plan: Plan, input: NotificationStatsInput): string {
  const normalized = JSON.stringify([
    plan.start.toISOString(),
    plan.to.toISOString(),
    plan.interval,
    plan.timeZone,
    plan.groups,
    input.filter ?? null,
  ]);
  return `stats:${createHash('sha256').update(normalized).digest('base64url').slice(0, 16)}`;
}

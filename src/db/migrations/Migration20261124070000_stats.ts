import { Migration } from '@mikro-orm/migrations';

/** The columns that name one rollup group: its hour and what it is grouped by. */
const GROUP = `"bucket" timestamptz not null, "channel" text not null, "template_key" text not null, "category" text not null, "backend" text not null`;
const GROUP_KEY = `"bucket", "channel", "template_key", "category", "backend"`;
/** Rollups keep two spans: 'hour' rows, and 'day' rows (UTC days) so that a month by day reads 24× fewer rows. */
const ROLLUP_GROUP = `"span" text not null check ("span" in ('hour', 'day')), ${GROUP}`;
const ROLLUP_KEY = `"span", ${GROUP_KEY}`;
const COUNTERS = [
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
];

/**
 * Analytics rollups (issue 11, item 6), kept by triggers in the transaction that changes a
 * delivery or reads a notification, so they are exact and survive a crash:
 *
 * - each statement on `deliveries` or `notifications` appends what it changed, summed per
 *   group, to `stats_deltas` (an append-only table: concurrent senders never wait on a
 *   shared counter row);
 * - a worker folds the deltas into `stats_rollups` (counters per hour, and per UTC day, and group),
 *   `stats_skip_rollups` (skips per reason) and `stats_latency_rollups` (queued→sent
 *   seconds in logarithmic bins), see src/analytics/stats-rollup.ts;
 * - `notificationStats` reads the rollups plus the deltas not folded yet.
 *
 * A delivery is counted in the hour its notification was due (sendAt, else its creation):
 * its later receipts add to that same hour, so rates compare like with like. The existing
 * deliveries are counted once, here.
 */
export class Migration20261124070000_stats extends Migration {
  override name = 'Migration20261124070000_stats';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "stats_rollups" (${ROLLUP_GROUP}, ${COUNTERS.map((name) => `"${name}" bigint not null default 0`).join(', ')}, primary key (${ROLLUP_KEY}));`,
    );
    this.addSql(
      `create table "stats_skip_rollups" (${ROLLUP_GROUP}, "reason" text not null, "count" bigint not null, primary key (${ROLLUP_KEY}, "reason"));`,
    );
    this.addSql(
      `create table "stats_latency_rollups" (${ROLLUP_GROUP}, "bin" smallint not null, "count" bigint not null, primary key (${ROLLUP_KEY}, "bin"));`,
    );
    this.addSql(
      `create table "stats_deltas" (${GROUP}, ${COUNTERS.map((name) => `"${name}" bigint not null default 0`).join(', ')}, "skip_reason" text null, "latency_bin" smallint null);`,
    );
    this.addSql(`create index "stats_deltas_bucket_index" on "stats_deltas" ("bucket");`);

    // The logarithmic bin of a queued→sent time: 10 ms × 1.25^bin, 100 bins (the last, from ~450 days, open-ended).
    // src/analytics/latency-bins.ts reads them back; keep the two in step.
    this.addSql(`create function stats_latency_bin(sent_at timestamptz, due_at timestamptz) returns smallint
      language sql immutable parallel safe as $$
        select case when sent_at is null then null else
          least(99, greatest(0, floor(ln(greatest(extract(epoch from sent_at - due_at), 0.01) / 0.01) / ln(1.25))))::smallint end
      $$;`);

    // New deliveries: created, and skipped or (in-app) delivered at once.
    this.addSql(`create function stats_deliveries_inserted() returns trigger language plpgsql as $$
      begin
        insert into stats_deltas (bucket, channel, template_key, category, backend, created, sent, delivered, failed, skipped, skip_reason, latency_bin)
        select date_trunc('hour', coalesce(n.send_at, n.created_at), 'UTC'), d.channel, coalesce(n.template_key, ''), n.category, coalesce(d.backend, ''),
               count(*), count(d.sent_at),
               count(*) filter (where d.delivered_at is not null or (d.channel = 'in_app' and d.sent_at is not null)),
               count(*) filter (where d.status = 'failed'),
               count(*) filter (where d.status = 'skipped'),
               case when d.status = 'skipped' then coalesce(d.reason, 'unknown') end,
               stats_latency_bin(d.sent_at, coalesce(n.send_at, d.created_at))
          from new_deliveries d join notifications n on n.id = d.notification_id
         group by 1, 2, 3, 4, 5, 11, 12;
        return null;
      end $$;`);
    this.addSql(`create trigger stats_deliveries_inserted after insert on deliveries
      referencing new table as new_deliveries for each statement execute function stats_deliveries_inserted();`);

    // Changed deliveries: each milestone counts the first time it is reached (a receipt
    // repeated, or arriving out of order, adds nothing twice).
    this.addSql(`create function stats_deliveries_updated() returns trigger language plpgsql as $$
      begin
        insert into stats_deltas (bucket, channel, template_key, category, backend, sent, delivered, failed, bounced, complained, opened, clicked, skipped, skip_reason, latency_bin)
        select bucket, channel, template_key, category, backend,
               sum(sent), sum(delivered), sum(failed), sum(bounced), sum(complained), sum(opened), sum(clicked), sum(skipped), skip_reason, latency_bin
          from (
            select date_trunc('hour', coalesce(n.send_at, n.created_at), 'UTC') as bucket, d.channel, coalesce(n.template_key, '') as template_key,
                   n.category, coalesce(d.backend, '') as backend,
                   (d.sent_at is not null and o.sent_at is null)::int as sent,
                   ((d.delivered_at is not null and o.delivered_at is null)
                     or (d.channel = 'in_app' and d.sent_at is not null and o.sent_at is null))::int as delivered,
                   (d.status = 'failed' and o.status <> 'failed')::int as failed,
                   (d.status in ('bounced', 'undelivered') and o.status not in ('bounced', 'undelivered'))::int as bounced,
                   (d.status = 'complained' and o.status <> 'complained')::int as complained,
                   (d.opened_at is not null and o.opened_at is null)::int as opened,
                   (d.clicked_at is not null and o.clicked_at is null)::int as clicked,
                   (d.status = 'skipped' and o.status <> 'skipped')::int as skipped,
                   case when d.status = 'skipped' and o.status <> 'skipped' then coalesce(d.reason, 'unknown') end as skip_reason,
                   case when o.sent_at is null then stats_latency_bin(d.sent_at, coalesce(n.send_at, d.created_at)) end as latency_bin
              from new_deliveries d join old_deliveries o on o.id = d.id join notifications n on n.id = d.notification_id
          ) changed
         where sent + delivered + failed + bounced + complained + opened + clicked + skipped > 0
         group by bucket, channel, template_key, category, backend, skip_reason, latency_bin;
        return null;
      end $$;`);
    this.addSql(`create trigger stats_deliveries_updated after update on deliveries
      referencing new table as new_deliveries old table as old_deliveries for each statement execute function stats_deliveries_updated();`);

    // In-app reads: marking read counts one, marking unread takes it back.
    this.addSql(`create function stats_notifications_updated() returns trigger language plpgsql as $$
      begin
        insert into stats_deltas (bucket, channel, template_key, category, backend, read)
        select date_trunc('hour', coalesce(n.send_at, n.created_at), 'UTC'), 'in_app', coalesce(n.template_key, ''), n.category, '',
               sum(n.read::int - o.read::int)
          from new_notifications n join old_notifications o on o.id = n.id
         where n.read <> o.read
         group by 1, 3, 4
        having sum(n.read::int - o.read::int) <> 0;
        return null;
      end $$;`);
    this.addSql(`create trigger stats_notifications_updated after update on notifications
      referencing new table as new_notifications old table as old_notifications for each statement execute function stats_notifications_updated();`);

    // What is already there, counted once, as the triggers would have: a delivery is created
    // with no backend, and each later step is counted with the backend that took it.
    const due = `date_trunc('hour', coalesce(n.send_at, n.created_at), 'UTC')`;
    const group = `d.channel, coalesce(n.template_key, ''), n.category`;
    const joined = `from deliveries d join notifications n on n.id = d.notification_id`;
    this.addSql(`insert into stats_rollups (${ROLLUP_KEY}, created)
      select 'hour', ${due}, ${group}, '', count(*) ${joined} group by 2, 3, 4, 5;`);
    this
      .addSql(`insert into stats_rollups (${ROLLUP_KEY}, sent, delivered, failed, bounced, complained, opened, clicked, skipped)
      select 'hour', ${due}, ${group}, coalesce(d.backend, ''),
             count(d.sent_at),
             count(*) filter (where d.delivered_at is not null or (d.channel = 'in_app' and d.sent_at is not null)),
             count(*) filter (where d.status = 'failed'),
             count(*) filter (where d.status in ('bounced', 'undelivered')),
             count(*) filter (where d.status = 'complained'),
             count(d.opened_at), count(d.clicked_at),
             count(*) filter (where d.status = 'skipped')
        ${joined} group by 2, 3, 4, 5, 6
      on conflict (${ROLLUP_KEY}) do update set sent = excluded.sent, delivered = excluded.delivered, failed = excluded.failed,
        bounced = excluded.bounced, complained = excluded.complained, opened = excluded.opened, clicked = excluded.clicked, skipped = excluded.skipped;`);
    this.addSql(`insert into stats_rollups (${ROLLUP_KEY}, read)
      select 'hour', date_trunc('hour', coalesce(n.send_at, n.created_at), 'UTC'), 'in_app', coalesce(n.template_key, ''), n.category, '', count(*)
        from notifications n where n.read group by 2, 4, 5
      on conflict (${ROLLUP_KEY}) do update set read = excluded.read;`);
    this.addSql(`insert into stats_skip_rollups (${ROLLUP_KEY}, reason, count)
      select 'hour', ${due}, ${group}, coalesce(d.backend, ''), coalesce(d.reason, 'unknown'), count(*)
        ${joined} where d.status = 'skipped' group by 2, 3, 4, 5, 6, 7;`);
    this.addSql(`insert into stats_latency_rollups (${ROLLUP_KEY}, bin, count)
      select 'hour', ${due}, ${group}, coalesce(d.backend, ''), stats_latency_bin(d.sent_at, coalesce(n.send_at, d.created_at)), count(*)
        ${joined} where d.sent_at is not null group by 2, 3, 4, 5, 6, 7;`);
    // The day rows: the hour rows summed per UTC day.
    const day = `'day', date_trunc('day', bucket, 'UTC'), channel, template_key, category, backend`;
    this.addSql(`insert into stats_rollups (${ROLLUP_KEY}, ${COUNTERS.join(', ')})
      select ${day}, ${COUNTERS.map((name) => `sum(${name})`).join(', ')} from stats_rollups where span = 'hour' group by 2, 3, 4, 5, 6;`);
    this.addSql(`insert into stats_skip_rollups (${ROLLUP_KEY}, reason, count)
      select ${day}, reason, sum(count) from stats_skip_rollups where span = 'hour' group by 2, 3, 4, 5, 6, 7;`);
    this.addSql(`insert into stats_latency_rollups (${ROLLUP_KEY}, bin, count)
      select ${day}, bin, sum(count) from stats_latency_rollups where span = 'hour' group by 2, 3, 4, 5, 6, 7;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists stats_notifications_updated on notifications;`);
    this.addSql(`drop trigger if exists stats_deliveries_updated on deliveries;`);
    this.addSql(`drop trigger if exists stats_deliveries_inserted on deliveries;`);
    this.addSql(`drop function if exists stats_notifications_updated();`);
    this.addSql(`drop function if exists stats_deliveries_updated();`);
    this.addSql(`drop function if exists stats_deliveries_inserted();`);
    this.addSql(`drop function if exists stats_latency_bin(timestamptz, timestamptz);`);
    this.addSql(`drop table if exists "stats_deltas", "stats_latency_rollups", "stats_skip_rollups", "stats_rollups";`);
  }
}

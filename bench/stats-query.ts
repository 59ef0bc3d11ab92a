// Analytics at scale (issue 11, item 6): `notificationStats` over 30 days of 1,000,000
// deliveries, beside a plain `count(*) … group by` on the deliveries table in the same run,
// and what the rollup triggers cost a single-row delivery update (triggers on vs off).
import pg from 'pg';
import { startTestBelfry } from '../test/support/belfry.js';

export interface StatsBenchResult {
  readonly deliveries: number;
  readonly generateSeconds: number;
  readonly foldSeconds: number;
  /** Rollup rows the query ranges over (hours × groups). */
  readonly rollupRows: number;
  readonly statsDayByChannelMs: Percentiles;
  readonly statsDayByEveryGroupMs: Percentiles;
  readonly statsHourByChannelMs: Percentiles;
  readonly plainCountGroupByMs: Percentiles;
  readonly sameStatsFromDeliveriesMs: Percentiles;
  readonly updateWithTriggersUs: number;
  readonly updateWithoutTriggersUs: number;
}

interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

const NOTIFICATIONS_PER_DELIVERY = 0.4; // in-app + email for each, SMS for 1 in 4, push for 1 in 4: 2.5 per notification
const BATCH = 50_000;

async function timed(runs: number, work: () => Promise<unknown>): Promise<Percentiles> {
  await work(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const pick = (fraction: number) =>
    Number(times[Math.min(times.length - 1, Math.ceil(fraction * times.length) - 1)]!.toFixed(1));
  return { p50: pick(0.5), p95: pick(0.95), runs };
}

export async function benchStatsQuery(databaseUrl: string, deliveries = 1_000_000): Promise<StatsBenchResult> {
  const name = `belfry_bench_stats_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const belfry = await startTestBelfry({ database: { kind: 'postgres', url: url.href }, logLevel: 'warn' });
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    const notifications = Math.round(deliveries * NOTIFICATIONS_PER_DELIVERY);
    const spanSeconds = 30 * 86_400;
    const generateStarted = performance.now();
    for (let from = 1; from <= notifications; from += BATCH) {
      const to = Math.min(notifications, from + BATCH - 1);
      const id = `lpad(to_hex(i), 32, '0')::uuid`;
      const createdAt = `now() - interval '${spanSeconds} seconds' + (i * ${spanSeconds / notifications}) * interval '1 second'`;
      await client.query(`insert into notifications (id, user_id, channels, category, priority, title, message, template_key, created_at, updated_at, inbox_at)
        select ${id}, 'user-' || (i % 5000), '{in_app,email}', (array['system','account','marketing'])[1 + i % 3], 'medium', 't', 'm',
               'template-' || (i % 20), ${createdAt}, ${createdAt}, ${createdAt}
          from generate_series(${from}, ${to}) i`);
      // Each channel in one statement, as a send writes them; then each moves on in its own.
      await client.query(`insert into deliveries (id, notification_id, channel, status, created_at, updated_at, sent_at)
        select gen_random_uuid(), n.id, c.channel, case when c.channel = 'in_app' then 'delivered' else 'queued' end, n.created_at, n.created_at,
               case when c.channel = 'in_app' then n.created_at end
          from generate_series(${from}, ${to}) i join notifications n on n.id = ${id}
          cross join lateral (select unnest(array['in_app', 'email'] || case i % 4 when 0 then array['sms'] when 1 then array['push'] else array[]::text[] end) as channel) c`);
      await client.query(`update deliveries d set
            status = case when d.channel = 'email' then (case when i % 20 < 14 then 'delivered' when i % 20 < 17 then 'opened' when i % 20 = 17 then 'clicked' when i % 20 = 18 then 'failed' else 'bounced' end) else 'sent' end,
            backend = case d.channel when 'email' then (case when i % 2 = 0 then 'mailgun' else 'smtp' end) when 'sms' then 'twilio' else 'fcm' end,
            sent_at = case when d.channel = 'email' and i % 20 = 18 then null else d.created_at + (i % 60) * interval '1 second' end,
            delivered_at = case when d.channel = 'email' and i % 20 < 18 then d.created_at + interval '70 seconds' end,
            opened_at = case when d.channel = 'email' and i % 20 between 14 and 17 then d.created_at + interval '1 hour' end,
            clicked_at = case when d.channel = 'email' and i % 20 = 17 then d.created_at + interval '1 hour' end,
            bounced_at = case when d.channel = 'email' and i % 20 = 19 then d.created_at + interval '80 seconds' end
          from generate_series(${from}, ${to}) i
         where d.notification_id = ${id} and d.channel <> 'in_app'`);
      await client.query(`update notifications set read = true, read_at = now()
         where id in (select ${id} from generate_series(${from}, ${to}) i where i % 3 = 0)`);
    }
    const generateSeconds = (performance.now() - generateStarted) / 1000;
    const foldStarted = performance.now();
    await belfry.app.statsRollup.fold();
    const foldSeconds = (performance.now() - foldStarted) / 1000;
    await client.query('vacuum analyze');
    const counted = (await client.query<{ n: number }>(`select count(*)::int as n from deliveries`)).rows[0]!.n;
    const rollupRows = (await client.query<{ n: number }>(`select count(*)::int as n from stats_rollups`)).rows[0]!.n;

    const to = new Date(Date.now() + 3_600_000).toISOString();
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const stats = async (input: Record<string, unknown>) => {
      const response = await belfry.service(
        `query($input: NotificationStatsInput!) { notificationStats(input: $input) {
           rows { bucket channel templateKey sent delivered failed opened clicked read deliveryRate openRate queuedToSentP50 queuedToSentP95 }
           totals { created sent } } }`,
        { input: { from, to, ...input } },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      const created = (response.data as { notificationStats: { totals: { created: number } } }).notificationStats.totals
        .created;
      if (created !== counted)
        throw new Error(`notificationStats counted ${created} deliveries, the table has ${counted}`);
    };
    const statsDayByChannelMs = await timed(20, () => stats({ interval: 'DAY', groupBy: ['CHANNEL'] }));
    const statsDayByEveryGroupMs = await timed(10, () =>
      stats({ interval: 'DAY', groupBy: ['CHANNEL', 'TEMPLATE', 'CATEGORY', 'BACKEND'] }),
    );
    const statsHourByChannelMs = await timed(10, () => stats({ interval: 'HOUR', groupBy: ['CHANNEL'] }));
    const plainCountGroupByMs = await timed(5, () =>
      client.query(
        `select date_trunc('day', created_at) as day, channel, count(*) from deliveries
                     where created_at >= $1 and created_at < $2 group by 1, 2`,
        [from, to],
      ),
    );
    const sameStatsFromDeliveriesMs = await timed(5, () =>
      client.query(
        `select date_trunc('day', n.created_at) as day, d.channel, count(*), count(d.sent_at), count(d.delivered_at),
                           count(*) filter (where d.status = 'failed'), count(d.opened_at), count(d.clicked_at), count(*) filter (where n.read),
                           percentile_cont(array[0.5, 0.95]) within group (order by extract(epoch from d.sent_at - d.created_at))
                      from deliveries d join notifications n on n.id = d.notification_id
                     where n.created_at >= $1 and n.created_at < $2 group by 1, 2`,
        [from, to],
      ),
    );

    // What the triggers add to one delivery update, the worker's commonest statement.
    const ids = (
      await client.query<{ id: string }>(`select id from deliveries where channel = 'email' limit 4000`)
    ).rows.map((row) => row.id);
    const perUpdate = async () => {
      const started = performance.now();
      for (const id of ids)
        await client.query(`update deliveries set status = 'sending', updated_at = now() where id = $1`, [id]);
      for (const id of ids)
        await client.query(`update deliveries set status = 'sent', updated_at = now() where id = $1`, [id]);
      return ((performance.now() - started) * 1000) / (ids.length * 2);
    };
    await perUpdate();
    const updateWithTriggersUs = Number((await perUpdate()).toFixed(1));
    await client.query(`alter table deliveries disable trigger stats_deliveries_updated`);
    const updateWithoutTriggersUs = Number((await perUpdate()).toFixed(1));
    await client.query(`alter table deliveries enable trigger stats_deliveries_updated`);

    return {
      deliveries: counted,
      generateSeconds: Number(generateSeconds.toFixed(1)),
      foldSeconds: Number(foldSeconds.toFixed(2)),
      rollupRows,
      statsDayByChannelMs,
      statsDayByEveryGroupMs,
      statsHourByChannelMs,
      plainCountGroupByMs,
      sameStatsFromDeliveriesMs,
      updateWithTriggersUs,
      updateWithoutTriggersUs,
    };
  } finally {
    await client.end();
    await belfry.stop();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// `npm run bench`: every benchmark, side by side in one run; a table on stdout and JSON in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

// Compiled to dist-bench/bench/: the Node 20 hook lives at the repository root. It comes first
// and everything else by dynamic import, for the reason given in src/main.ts.
await import(new URL('../../compat/register.mjs', import.meta.url).href);
await import('reflect-metadata');

const { benchDeliveryThroughput } = await import('./delivery-throughput.js');
const { benchFanOutAndMemory, benchLatency } = await import('./live.js');
const { benchBellRead, benchInAppSend } = await import('./api-paths.js');
const { benchStatsQuery } = await import('./stats-query.js');
const { benchTemplateRender } = await import('./template-render.js');

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const results: Record<string, unknown> = { machine, at: new Date().toISOString() };

// BENCH_ONLY=delivery,render,m1,m6,m3,m2,stats runs a subset (M2 and M5 are one pass); the default is all of them.
const only = new Set(
  (process.env.BENCH_ONLY ?? 'delivery,render,m1,m6,m3,m2,stats').split(',').map((name) => name.trim().toLowerCase()),
);

if (only.has('delivery')) {
  const delivery = await benchDeliveryThroughput(Number(process.env.BENCH_DELIVERIES ?? 2000));
  results.deliveryThroughput = delivery;
  console.table([
    {
      benchmark: 'deliveries/s via queue → fake Mailgun',
      database: delivery.database,
      measured: delivery.queuedPerSecond,
      floor: delivery.floorPerSecond,
      ratio: delivery.ratioToFloor,
      enqueueSeconds: delivery.enqueueSeconds,
    },
  ]);
}

if (only.has('render')) {
  const render = benchTemplateRender(Number(process.env.BENCH_RENDERS ?? 10_000));
  results.templateRender = render;
  console.table([
    {
      benchmark: `payment_success as seeded ({field}), 4 copy fields × ${render.renders}: µs per template`,
      measured: render.nowMicrosPerTemplate,
      floor: `${render.beforeMicrosPerTemplate} (the renderer before Liquid)`,
      ratio: render.ratio,
    },
    {
      benchmark: `payment_success written in Liquid ({{ amount }}), through the engine and its limits`,
      measured: render.liquidMicrosPerTemplate,
      floor: `${render.beforeMicrosPerTemplate} (the renderer before Liquid)`,
      ratio: render.liquidRatio,
    },
  ]);
}

// Compiled to dist-bench/bench/: results go to the source tree's bench/results/.
// The live benchmarks need PostgreSQL (cross-process bus) and a built server (dist/main.js).
const databaseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (databaseUrl) {
  const rows: Record<string, unknown>[] = [];
  const load = {
    total: Number(process.env.BENCH_REQUESTS ?? 5_000),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
    warmup: Number(process.env.BENCH_WARMUP ?? 500),
  };
  const pathRows = (name: string, result: Awaited<ReturnType<typeof benchInAppSend>>) => [
    {
      benchmark: `${name} per s`,
      measured: result.belfry.perSecond,
      floor: result.floor.perSecond,
      ratio: result.ratio,
    },
    {
      benchmark: `${name} p99 ms`,
      measured: result.belfry.p99Ms,
      floor: result.floor.p99Ms,
      ratio: Number((result.belfry.p99Ms / result.floor.p99Ms).toFixed(2)),
    },
    {
      benchmark: `${name} CPU ms/op Node + PostgreSQL`,
      measured: `${result.belfry.nodeCpuMsPerOp} + ${result.belfry.postgresCpuMsPerOp}`,
      floor: `${result.floor.nodeCpuMsPerOp} + ${result.floor.postgresCpuMsPerOp}`,
      ratio: Number(
        (
          (result.belfry.nodeCpuMsPerOp + result.belfry.postgresCpuMsPerOp) /
          (result.floor.nodeCpuMsPerOp + result.floor.postgresCpuMsPerOp)
        ).toFixed(2),
      ),
    },
  ];
  if (only.has('m1')) {
    const m1 = await benchInAppSend(databaseUrl, load);
    results.m1InAppSend = m1;
    rows.push(...pathRows('M1 in-app send', m1));
  }
  if (only.has('m6')) {
    const m6 = await benchBellRead(databaseUrl, load);
    results.m6BellRead = m6;
    rows.push(...pathRows('M6 bell read', m6));
  }
  if (only.has('m3')) {
    const latency = await benchLatency(
      databaseUrl,
      Number(process.env.BENCH_RATE ?? 500),
      Number(process.env.BENCH_SECONDS ?? 5),
    );
    results.m3Latency = latency;
    rows.push(
      {
        benchmark: `M3 send→frame p50 ms @${latency.ratePerSecond}/s`,
        measured: latency.belfry.p50,
        floor: latency.floor.p50,
        ratio: Number((latency.belfry.p50 / latency.floor.p50).toFixed(2)),
      },
      {
        benchmark: `M3 send→frame p99 ms @${latency.ratePerSecond}/s`,
        measured: latency.belfry.p99,
        floor: latency.floor.p99,
        ratio: latency.p99Ratio,
      },
      {
        benchmark: `M3 write→frame p50 ms @${latency.ratePerSecond}/s`,
        measured: latency.belfryFromWrite.p50,
        floor: latency.floor.p50,
        ratio: Number((latency.belfryFromWrite.p50 / latency.floor.p50).toFixed(2)),
      },
      {
        benchmark: `M3 write→frame p99 ms @${latency.ratePerSecond}/s`,
        measured: latency.belfryFromWrite.p99,
        floor: latency.floor.p99,
        ratio: latency.p99RatioFromWrite,
      },
    );
  }
  if (only.has('stats')) {
    const stats = await benchStatsQuery(databaseUrl, Number(process.env.BENCH_STATS_DELIVERIES ?? 1_000_000));
    results.statsQuery = stats;
    rows.push(
      {
        benchmark: `notificationStats 30 days by DAY × CHANNEL, ${stats.deliveries} deliveries: p50 / p95 ms`,
        measured: `${stats.statsDayByChannelMs.p50} / ${stats.statsDayByChannelMs.p95}`,
        floor: `${stats.plainCountGroupByMs.p50} / ${stats.plainCountGroupByMs.p95} (count(*) group by day, channel)`,
        ratio: Number((stats.statsDayByChannelMs.p50 / stats.plainCountGroupByMs.p50).toFixed(3)),
      },
      {
        benchmark: 'notificationStats 30 days by DAY × every group: p50 / p95 ms',
        measured: `${stats.statsDayByEveryGroupMs.p50} / ${stats.statsDayByEveryGroupMs.p95}`,
        floor: `${stats.sameStatsFromDeliveriesMs.p50} / ${stats.sameStatsFromDeliveriesMs.p95} (its counts from deliveries, by day × channel)`,
        ratio: Number((stats.statsDayByEveryGroupMs.p50 / stats.sameStatsFromDeliveriesMs.p50).toFixed(3)),
      },
      {
        benchmark: 'notificationStats 30 days by HOUR × CHANNEL: p50 / p95 ms',
        measured: `${stats.statsHourByChannelMs.p50} / ${stats.statsHourByChannelMs.p95}`,
        floor: `${stats.plainCountGroupByMs.p50} / ${stats.plainCountGroupByMs.p95} (count(*) group by day, channel)`,
        ratio: Number((stats.statsHourByChannelMs.p50 / stats.plainCountGroupByMs.p50).toFixed(3)),
      },
      {
        benchmark: 'one delivery UPDATE, µs (stats trigger on vs off)',
        measured: stats.updateWithTriggersUs,
        floor: stats.updateWithoutTriggersUs,
        ratio: Number((stats.updateWithTriggersUs / stats.updateWithoutTriggersUs).toFixed(2)),
      },
    );
  }
  if (only.has('m2') || only.has('m5')) {
    const fanOut = await benchFanOutAndMemory(databaseUrl, Number(process.env.BENCH_SOCKETS ?? 10_000));
    results.m2FanOut = fanOut;
    rows.push(
      {
        benchmark: `M2 frames/s to ${fanOut.sockets} sockets`,
        measured: fanOut.belfryFramesPerSecond,
        floor: fanOut.floorFramesPerSecond,
        ratio: fanOut.ratioToFloor,
      },
      {
        benchmark: `M5 KiB RSS per idle subscribed connection`,
        measured: fanOut.belfryKiBPerConnection,
        floor: fanOut.floorKiBPerConnection,
        ratio: fanOut.memoryRatio,
      },
    );
  }
  console.table(rows);
} else {
  console.log('M1, M6, M2, M3 and M5 skipped: set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL database');
}

const dir = new URL('../../bench/results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
process.exit(0);

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProviderCall } from '../channels/observed-transports.js';
import type { QueueBacklog } from '../delivery/delivery-queue.js';
import type { Activity } from '../shared/activity.js';

/** What the gauges read when Prometheus scrapes; each source is optional (an API process has no queue workers, a worker no sockets). */
export interface MetricSources {
  openSockets?(): number;
  activeSubscriptions?(): number;
  queueBacklog?(): Promise<readonly QueueBacklog[]>;
}

/** Seconds: provider calls run from milliseconds (a local relay) to the 10 s timeout. */
const PROVIDER_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: GraphQL operations, from a cached read to a large fan-out send. */
const OPERATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Belfry's Prometheus metrics, on a registry of its own (one per running app: tests start
 * several in one process). Names are prefixed `belfry_`; Node's process metrics keep their
 * standard names (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`, …) so stock
 * dashboards work. Counters are per process, as Prometheus expects: sum them across
 * processes in queries.
 */
export class BelfryMetrics {
  readonly registry = new Registry();
  private sources: MetricSources = {};

  private readonly deliveries = new Counter({
    name: 'belfry_deliveries_total',
    help: 'Deliveries that reached a state, by channel, backend and status (sent, skipped, failed, delivered, …); retries are not counted.',
    labelNames: ['channel', 'backend', 'status'] as const,
    registers: [this.registry],
  });
  private readonly providerCalls = new Histogram({
    name: 'belfry_provider_call_seconds',
    help: 'Time of each call to a provider, by channel, backend and outcome (ok or the send error code).',
    labelNames: ['channel', 'backend', 'outcome'] as const,
    buckets: PROVIDER_BUCKETS,
    registers: [this.registry],
  });
  private readonly operations = new Histogram({
    name: 'belfry_graphql_operation_seconds',
    help: 'GraphQL operations over HTTP, by operation name, type and outcome (ok or the first error code).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: OPERATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly refusedRequests = new Counter({
    name: 'belfry_graphql_requests_refused_total',
    help: 'GraphQL requests over HTTP refused before any operation ran, by error code (UNAUTHENTICATED, RATE_LIMITED, …).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly listenReconnects = new Counter({
    name: 'belfry_listen_reconnects_total',
    help: 'Times the LISTEN connection for cross-process live events was re-established after a loss.',
    registers: [this.registry],
  });
  private readonly webhookAttempts = new Counter({
    name: 'belfry_webhook_attempts_total',
    help: 'Outbound webhook delivery attempts, by outcome (success, http_<status>, timeout, error, …).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const sources = () => this.sources;
    new Gauge({
      name: 'belfry_open_sockets',
      help: 'Open graphql-ws connections on this process.',
      registers: [this.registry],
      collect() {
        this.set(sources().openSockets?.() ?? 0);
      },
    });
    new Gauge({
      name: 'belfry_active_subscriptions',
      help: 'Running GraphQL subscriptions on this process.',
      registers: [this.registry],
      collect() {
        this.set(sources().activeSubscriptions?.() ?? 0);
      },
    });
    // One query serves both queue gauges; the second collect reuses the first one's reading.
    let reading: Promise<readonly QueueBacklog[]> | undefined;
    const backlog = () =>
      (reading ??= (sources().queueBacklog?.() ?? Promise.resolve([])).finally(() => {
        setImmediate(() => (reading = undefined));
      }));
    new Gauge({
      name: 'belfry_queue_ready_jobs',
      help: 'Delivery jobs due now and waiting for a worker, by channel.',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of await backlog()) this.set({ channel: queue.channel }, queue.ready);
      },
    });
    new Gauge({
      name: 'belfry_queue_active_jobs',
      help: 'Delivery jobs a worker is running, by channel.',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of await backlog()) this.set({ channel: queue.channel }, queue.active);
      },
    });
    new Gauge({
      name: 'belfry_queue_oldest_job_age_seconds',
      help: 'How long the oldest due delivery job has waited for a worker, by channel (0 when none waits).',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of await backlog()) this.set({ channel: queue.channel }, queue.oldestSeconds);
      },
    });
  }

  /** Where the gauges read from, once the parts exist (sockets, queue). */
  readFrom(sources: MetricSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** An activity-feed listener: counts each delivery that reached a state. */
  readonly countActivities = (activities: readonly Activity[]): void => {
    for (const activity of activities) {
      if (activity.kind !== 'delivery.changed') continue;
      this.deliveries.inc({ channel: activity.channel, backend: activity.backend ?? 'none', status: activity.status });
    }
  };

  /** A provider-call observer (see observeTransports). */
  readonly observeProviderCall = (call: ProviderCall): void => {
    this.providerCalls.observe({ channel: call.channel, backend: call.backend, outcome: call.outcome }, call.seconds);
  };

  observeOperation(operation: string, type: string, outcome: string, seconds: number): void {
    this.operations.observe({ operation, type, outcome }, seconds);
  }

  readonly countRefusedRequest = (code: string): void => {
    this.refusedRequests.inc({ code });
  };

  readonly countListenReconnect = (): void => {
    this.listenReconnects.inc();
  };

  countWebhookAttempt(outcome: string): void {
    this.webhookAttempts.inc({ outcome });
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}

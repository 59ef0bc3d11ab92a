import type { EntityManager } from '@mikro-orm/sql';
import { fromKysely, PgBoss, type JobResult, type JobWithMetadata, type KyselyTransactionLike } from 'pg-boss';
import type { QueueConnection } from '../db/orm.js';
import { OutageAwareLog } from '../db/outage-aware-log.js';
import type { Logger } from '../logger.js';
import { Channel } from '../shared/enums.js';
import type { QueueSettings } from '../config/settings.js';

/** One job per delivery; the payload is only its id (content and secrets stay in the database). */
export interface DeliveryJob {
  readonly deliveryId: string;
}

/** A job as the worker sees it: which attempt it is, and a signal that fires on shutdown. */
export interface DeliveryAttempt {
  readonly deliveryId: string;
  /** True when a failure now is final (no job-level retry left). */
  readonly lastRun: boolean;
  readonly signal: AbortSignal;
}

/** A snoozed inbox item's wake-up: due at `until`, it lists and announces the item again. */
export interface WakeJob {
  readonly notificationId: string;
  /** The snooze this job ends (ISO time); a later snooze or an unsnooze makes it a no-op. */
  readonly until: string;
}

/** One delivery queue's backlog at a moment (for /metrics). */
export interface QueueBacklog {
  /** The channel the queue delivers. */
  readonly channel: Channel;
  /** Jobs due now and waiting for a worker. */
  readonly ready: number;
  /** Jobs a worker is running. */
  readonly active: number;
  /** How long the oldest due job has waited, in seconds (0 when none waits). */
  readonly oldestSeconds: number;
}

/** A row of the backlog query (oldest: seconds, from a float8 column; a driver may hand it as a string). */
interface BacklogRow {
  readonly name: string;
  readonly ready: number;
  readonly active: number;
  readonly oldest: number | string;
}

/** Retry policy of a {@link DeliveryQueue.namedQueue}. */
export interface NamedQueueOptions {
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryDelayMaxSeconds: number;
  readonly expireInSeconds: number;
}

/** A durable job queue: `send` adds jobs, `work` runs them (a throw retries the job later). */
export interface NamedQueue<T> {
  send(jobs: readonly T[]): Promise<void>;
  work(handle: (job: T, run: { readonly attempt: number; readonly lastRun: boolean }) => Promise<void>): Promise<void>;
}

/** Snoozed items wake through this queue (not per channel: it sends nothing). */
const WAKE_QUEUE = 'belfry-inbox-wake';

const QUEUE_OF: Readonly<Record<Channel, string>> = {
  [Channel.EMAIL]: 'belfry-email',
  [Channel.SMS]: 'belfry-sms',
  [Channel.PUSH]: 'belfry-push',
  [Channel.IN_APP]: 'belfry-in-app',
};

/** The durable delivery queue: pg-boss in Belfry's own database (schema `pgboss`). */
export class DeliveryQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly settings: QueueSettings,
    private readonly logger: Logger,
  ) {}

  /**
   * `scheduling`: this process runs pg-boss's scheduler, which turns schedules (see
   * {@link recurring}) into jobs; each occurrence becomes one job whichever processes run it.
   */
  static async start(
    connection: QueueConnection,
    settings: QueueSettings,
    logger: Logger,
    { scheduling = false }: { scheduling?: boolean } = {},
  ): Promise<DeliveryQueue> {
    const boss = new PgBoss({
      ...connection,
      schema: 'pgboss',
      application_name: 'belfry-queue',
      // Its own pg pool: bounded, idle connections closed after pg's default 10 s, and a connect
      // PostgreSQL does not answer fails in 5 s (pg-boss's default is 10) so polls do not pile up.
      ...('connectionString' in connection
        ? { max: Math.max(2, settings.concurrency + 2), connectionTimeoutMillis: 5_000 }
        : {}),
      superviseIntervalSeconds: Math.max(1, Math.min(60, settings.expireInSeconds)),
      schedule: scheduling,
      // Wakes idle workers the moment a job commits instead of at their next poll.
      useListenNotify: true,
    });
    const errors = new OutageAwareLog(logger, 'delivery queue cannot reach the database; workers keep polling');
    boss.on('error', (error) => errors.report(error, 'delivery queue error'));
    await boss.start();
    const options = {
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: settings.retryDelayMaxSeconds,
      expireInSeconds: settings.expireInSeconds,
      notify: true,
    };
    for (const name of [...Object.values(QUEUE_OF), WAKE_QUEUE]) {
      // createQueue leaves an existing queue as it was: the update applies settings changed
      // since the first start (retries, delays, timeout) to jobs queued from now on.
      await boss.createQueue(name, options);
      await boss.updateQueue(name, options);
      // Warm pg-boss's queue cache now, outside any transaction: on a cold cache, an insert made
      // inside a PGlite transaction would look the queue up on the shared connection and wait
      // for that same transaction forever. Deleting a job id that cannot exist is the cheapest
      // public call that fills the cache.
      await boss.deleteJob(name, '00000000-0000-4000-8000-000000000000');
    }
    return new DeliveryQueue(boss, settings, logger);
  }

  /**
   * Each delivery queue's backlog for /metrics: jobs due now and waiting, jobs running, and
   * how long the oldest due job has waited (since it became due: its creation, its send time
   * or its retry time). One grouped query over pg-boss's unfinished jobs.
   */
  async backlog(): Promise<QueueBacklog[]> {
    const channels = Object.values(Channel);
    const result = await this.boss.getDb().executeSql(
      `select name,
          (count(*) filter (where state in ('created', 'retry') and start_after <= now()))::int as ready,
          (count(*) filter (where state = 'active'))::int as active,
          coalesce(extract(epoch from now() - min(start_after) filter (where state in ('created', 'retry') and start_after <= now())), 0)::float8 as oldest
        from pgboss.job where name = any($1::text[]) and state in ('created', 'retry', 'active') group by name`,
      [channels.map((channel) => QUEUE_OF[channel])],
    );
    // pg-boss types its rows as any[]: these are the columns selected above.
    const rows: readonly BacklogRow[] = result.rows;
    const byName = new Map(rows.map((row) => [row.name, row]));
    return channels.map((channel) => {
      const row = byName.get(QUEUE_OF[channel]);
      return {
        channel,
        ready: row?.ready ?? 0,
        active: row?.active ?? 0,
        oldestSeconds: Number(row?.oldest ?? 0),
      };
    });
  }

  /**
   * Adds jobs inside the caller's open transaction: they exist only if it commits.
   * `tx` must be the EntityManager of a running `transactional()` block.
   */
  async enqueueInTransaction(
    tx: EntityManager,
    jobs: readonly { channel: Channel; deliveryId: string; startAfter?: Date | null }[],
  ): Promise<void> {
    const db = fromKysely(tx.getTransactionContext() as KyselyTransactionLike);
    for (const channel of Object.values(Channel)) {
      const name = QUEUE_OF[channel];
      const ofChannel = jobs.filter((job) => job.channel === channel);
      if (!ofChannel.length) continue;
      await this.boss.insert(
        name,
        ofChannel.map((job) => ({
          data: { deliveryId: job.deliveryId } satisfies DeliveryJob,
          ...(job.startAfter ? { startAfter: job.startAfter } : {}),
        })),
        { db },
      );
    }
  }

  /**
   * Adds a snoozed item's wake-up, due at `job.until`, inside the caller's open transaction
   * (`tx`: the EntityManager of a running `transactional()` block), so it exists only if the
   * snooze commits.
   */
  async enqueueWakeInTransaction(tx: EntityManager, job: WakeJob): Promise<void> {
    const db = fromKysely(tx.getTransactionContext() as KyselyTransactionLike);
    await this.boss.insert(WAKE_QUEUE, [{ data: job, startAfter: new Date(job.until) }], { db });
  }

  /** Runs `handle` for each due wake-up until {@link stop}; a throw retries it later. */
  async workWakes(handle: (job: WakeJob) => Promise<void>): Promise<void> {
    await this.boss.work<WakeJob>(
      WAKE_QUEUE,
      {
        batchSize: this.settings.concurrency,
        pollingIntervalSeconds: this.settings.pollingIntervalSeconds,
        // Wake-ups are due later, never at once: the poll finds them, as it finds scheduled sends.
        notifyPollingIntervalSeconds: this.settings.pollingIntervalSeconds,
      },
      async (jobs) => {
        for (const job of jobs) await handle(job.data);
      },
    );
  }

  /**
   * Runs `handle` for each job of every channel until {@link stop}. A throw means: retry later.
   * Jobs come in batches of up to `concurrency`, handled side by side; a full batch fetches
   * the next one at once (burst), so a backlog drains without waiting for the poll interval.
   */
  async work(handle: (channel: Channel, attempt: DeliveryAttempt) => Promise<void>): Promise<void> {
    for (const channel of Object.values(Channel)) {
      const name = QUEUE_OF[channel];
      await this.boss.work(
        name,
        {
          batchSize: this.settings.concurrency,
          localConcurrency: 2,
          burstWhenBatchFull: true,
          perJobResults: true,
          includeMetadata: true,
          pollingIntervalSeconds: this.settings.pollingIntervalSeconds,
          // NOTIFY wakes workers only for jobs ready at once; retries and scheduled sends
          // become ready later and are found by this poll, so it must not slow down.
          notifyPollingIntervalSeconds: this.settings.pollingIntervalSeconds,
        },
        (jobs: JobWithMetadata<DeliveryJob>[]) =>
          Promise.all(
            jobs.map(async (job): Promise<JobResult> => {
              try {
                await handle(channel, {
                  deliveryId: job.data.deliveryId,
                  lastRun: job.retryCount >= job.retryLimit,
                  signal: job.signal,
                });
                return { id: job.id, status: 'completed' };
              } catch (error) {
                return {
                  id: job.id,
                  status: 'failed',
                  output: { message: error instanceof Error ? error.message : String(error) },
                };
              }
            }),
          ),
      );
    }
    this.logger.info({ concurrency: this.settings.concurrency }, 'delivery workers started');
  }

  /**
   * A queue of its own on the same pg-boss, for other durable work (outbound webhooks): jobs
   * retried with exponential backoff up to `retryDelayMaxSeconds` apart. Every process may
   * send to it; workers call `work`.
   */
  async namedQueue<T extends object>(name: string, options: NamedQueueOptions): Promise<NamedQueue<T>> {
    const settings = {
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: options.retryDelayMaxSeconds,
      expireInSeconds: options.expireInSeconds,
      notify: true,
    };
    await this.boss.createQueue(name, settings);
    await this.boss.updateQueue(name, settings);
    const { boss, settings: queueSettings } = this;
    return {
      async send(jobs) {
        if (jobs.length)
          await boss.insert(
            name,
            jobs.map((data) => ({ data })),
          );
      },
      async work(handle) {
        await boss.work(
          name,
          {
            batchSize: queueSettings.concurrency,
            includeMetadata: true,
            pollingIntervalSeconds: queueSettings.pollingIntervalSeconds,
            notifyPollingIntervalSeconds: queueSettings.pollingIntervalSeconds,
          },
          async (jobs: JobWithMetadata<T>[]) => {
            // Side by side; one failure fails the batch's remaining jobs only through their own throws.
            const results = await Promise.allSettled(
              jobs.map((job) =>
                handle(job.data, { attempt: job.retryCount + 1, lastRun: job.retryCount >= job.retryLimit }),
              ),
            );
            const failed = results.find((result) => result.status === 'rejected');
            if (failed) throw failed.reason;
          },
        );
      },
    };
  }

  /**
   * Runs `handle` on the `cron` schedule (UTC): pg-boss's scheduler makes one job per
   * occurrence, shared by every process on the database, and one worker takes it (the
   * queue's `singleton` policy also keeps a slow run from overlapping the next). A throw
   * is retried twice, a minute apart. Needs a process started with `scheduling`.
   */
  async recurring(name: string, cron: string, handle: () => Promise<void>): Promise<void> {
    const options = {
      policy: 'singleton',
      retryLimit: 2,
      retryDelay: 60,
      expireInSeconds: 3600,
      notify: true,
    } as const;
    await this.boss.createQueue(name, options);
    const { policy: _fixed, ...changeable } = options; // a queue's policy is fixed at creation
    await this.boss.updateQueue(name, changeable);
    await this.boss.schedule(name, cron, null, { tz: 'UTC' });
    // NOTIFY wakes the worker when the scheduler adds the job; the poll is the fallback.
    await this.boss.work(name, { pollingIntervalSeconds: 30, notifyPollingIntervalSeconds: 30 }, async () => {
      await handle();
    });
  }

  /** Fetches nothing new; waits up to `timeoutMs` for running jobs, then aborts them (they are retried later). */
  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  }
}

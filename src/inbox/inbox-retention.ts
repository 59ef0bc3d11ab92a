import type { EntityManager } from '@mikro-orm/sql';
import type { InboxSettings } from '../config/settings.js';
import type { Logger } from '../logger.js';
import { deleteRetiredNotifications } from '../sql/delete-retired-notifications.js';

/** Rows deleted per statement: each statement is short, so no lock is held for long. */
export const RETENTION_BATCH_SIZE = 1_000;
/** Statements per run at most (a million rows); a larger backlog is finished by the next runs. */
const MAX_BATCHES_PER_RUN = 1_000;
const DAY_MS = 24 * 3600 * 1000;

/** The pg-boss queue (and schedule) of the retention job. */
export const RETENTION_JOB = 'belfry-inbox-retention';
/** When it runs: hourly, at minute 17 (UTC), away from the top of the hour other jobs crowd. */
export const RETENTION_CRON = '17 * * * *';

/**
 * Deletes what the inbox no longer keeps (INBOX_RETENTION_DAYS): expired items at any age,
 * and items older than the retention period that are read, archived or never reached the
 * inbox. Unread items stay however old. Deletes in batches of {@link RETENTION_BATCH_SIZE},
 * each its own statement; no live event follows, because no deleted item was counted unread.
 */
export class InboxRetention {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: Pick<InboxSettings, 'retentionDays'>,
    private readonly logger: Logger,
  ) {}

  /** The recurring job: expired items, and retired ones when a retention period is set. Returns how many went. */
  async run(now = new Date()): Promise<number> {
    const days = this.settings.retentionDays;
    const retainedAfter = days > 0 ? new Date(now.getTime() - days * DAY_MS) : null;
    const removed = await deleteInBatches(this.em.fork(), now, retainedAfter);
    this.logger.info({ removed, retentionDays: days }, 'inbox retention: removed old notifications');
    return removed;
  }
}

/**
 * Deletes items expired by `now` and, when `retainedAfter` is given, the read, archived or
 * never-listed ones created before it, one batch per statement; returns how many went.
 */
export async function deleteInBatches(em: EntityManager, now: Date, retainedAfter: Date | null): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const removed = await deleteRetiredNotifications(em, {
      expiredBy: now,
      retainedAfter,
      batchSize: RETENTION_BATCH_SIZE,
    });
    total += removed;
    if (removed < RETENTION_BATCH_SIZE) break;
  }
  return total;
}

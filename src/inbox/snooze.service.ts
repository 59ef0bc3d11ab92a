import type { EntityManager } from '@mikro-orm/sql';
import type { WakeJob } from '../delivery/delivery-queue.js';
import type { Logger } from '../logger.js';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import type { InboxService } from './inbox.service.js';
import { Notification } from './notification.entity.js';

/** How far ahead an item may be snoozed. */
export const MAX_SNOOZE_MS = 366 * 24 * 3600 * 1000;

/** Where wake-ups wait until their time: the delivery queue (pg-boss), in the snooze's transaction. */
export interface WakeQueue {
  enqueueWakeInTransaction(tx: EntityManager, job: WakeJob): Promise<void>;
}

/**
 * Snoozing: an item is hidden from lists and counts until `snoozedUntil` (the queries compare
 * it with now(), so it reappears on time even with no worker running), and a pg-boss job due
 * at that time clears the snooze and announces the item live, as a scheduled send is.
 */
export class SnoozeService {
  constructor(
    private readonly em: EntityManager,
    private readonly inbox: InboxService,
    private readonly queue: WakeQueue,
    private readonly logger: Logger,
  ) {}

  /** Snoozes the (loaded, visible) item until `until`: in the future, at most a year ahead. */
  async snooze(em: EntityManager, notification: Notification, until: Date): Promise<Notification> {
    assertSnoozeTime(until);
    const now = new Date();
    await this.em.fork().transactional(async (tx) => {
      // The item comes back as new: it re-enters the inbox at `until`, so it is listed at the top
      // and a client catching up from the top of its list finds it.
      await tx.nativeUpdate(
        Notification,
        { id: notification.id },
        { snoozedUntil: until, inboxAt: until, updatedAt: now },
      );
      await this.queue.enqueueWakeInTransaction(tx, { notificationId: notification.id, until: until.toISOString() });
    });
    const updated = await reload(em, notification.id);
    if (!updated.read) await this.inbox.countsChanged([updated.userId]);
    return updated;
  }

  /** Ends a snooze now: the item is listed again and announced live. An item not snoozed is returned as it is. */
  async unsnooze(em: EntityManager, notification: Notification): Promise<Notification> {
    const now = new Date();
    const changed = await em.nativeUpdate(
      Notification,
      { id: notification.id, snoozedUntil: { $gt: now } },
      { snoozedUntil: null, inboxAt: now, updatedAt: now },
    );
    const updated = await reload(em, notification.id);
    if (changed > 0) await this.announce(updated);
    return updated;
  }

  /** A wake-up came due: ends that snooze and announces the item, unless it was unsnoozed or snoozed again since. */
  async wake(job: WakeJob): Promise<void> {
    const em = this.em.fork();
    const changed = await em.nativeUpdate(
      Notification,
      { id: job.notificationId, snoozedUntil: new Date(job.until) },
      { snoozedUntil: null, updatedAt: new Date() },
    );
    if (changed === 0) return;
    const notification = await em.findOne(Notification, { id: job.notificationId });
    if (notification) await this.announce(notification);
    this.logger.debug({ notificationId: job.notificationId }, 'snoozed notification woke');
  }

  /** Announces an item back in the inbox, if it is listed at all (in the inbox, not archived, released, not expired). */
  private async announce(notification: Notification): Promise<void> {
    const now = Date.now();
    const listed =
      notification.inInbox &&
      !notification.archivedAt &&
      !(notification.sendAt && notification.sendAt.getTime() > now) &&
      !(notification.expiresAt && notification.expiresAt.getTime() <= now);
    if (listed) await this.inbox.announce([notification]);
  }
}

function assertSnoozeTime(until: Date): void {
  if (Number.isNaN(until.getTime())) throw new BadUserInputError('until must be a date-time', ['until']);
  if (until.getTime() <= Date.now()) throw new BadUserInputError('until must be in the future', ['until']);
  if (until.getTime() > Date.now() + MAX_SNOOZE_MS)
    throw new BadUserInputError('until must be at most one year ahead', ['until']);
}

async function reload(em: EntityManager, id: string): Promise<Notification> {
  const [notification] = await em.find(Notification, { id }, { refresh: true });
  if (!notification) throw new NotFoundError('Notification', id);
  return notification;
}

import type { EntityManager } from '@mikro-orm/sql';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import type { InboxService } from './inbox.service.js';
import { awake, notExpired, released } from './inbox.service.js';
import { Notification } from './notification.entity.js';

/**
 * Inbox state beyond read/unread and archive: seen, unarchive. Each change is one guarded
 * update; the users' live counts are published after it committed, only when a row changed.
 */
export class InboxStateService {
  constructor(private readonly inbox: InboxService) {}

  /** The items with these ids, in the given order; NOT_FOUND for the first one missing or expired. */
  async getMany(em: EntityManager, ids: readonly string[]): Promise<Notification[]> {
    const found = await em.find(Notification, { id: { $in: [...ids] }, ...notExpired() });
    const byId = new Map(found.map((notification) => [notification.id, notification]));
    return ids.map((id) => {
      const notification = byId.get(id);
      if (!notification) throw new NotFoundError('Notification', id);
      return notification;
    });
  }

  /** Marks the (loaded, visible) items seen; those seen before keep their first seenAt. */
  async markSeen(em: EntityManager, notifications: readonly Notification[]): Promise<Notification[]> {
    const now = new Date();
    const ids = notifications.map((notification) => notification.id);
    const changed = await em.nativeUpdate(
      Notification,
      { id: { $in: ids }, seenAt: null },
      { seenAt: now, updatedAt: now },
    );
    if (changed === 0) return [...notifications];
    const fresh = await em.find(Notification, { id: { $in: ids } }, { refresh: true });
    await this.inbox.countsChanged(fresh.map((notification) => notification.userId));
    const byId = new Map(fresh.map((notification) => [notification.id, notification]));
    return notifications.map((notification) => byId.get(notification.id) ?? notification);
  }

  /** Marks every unseen, listed item of the user seen; returns how many changed. */
  async markAllSeen(em: EntityManager, userId: string): Promise<number> {
    const now = new Date();
    const changed = await em.nativeUpdate(
      Notification,
      { userId, inInbox: true, seenAt: null, archivedAt: null, $and: [notExpired(), released(), awake()] },
      { seenAt: now, updatedAt: now },
    );
    if (changed > 0) await this.inbox.countsChanged([userId]);
    return changed;
  }

  /**
   * Records a click on one of the item's action buttons (when, and which) and marks the item
   * read (and so seen), as opening it would; publishes the count when that changed it.
   */
  async click(em: EntityManager, notification: Notification, index: number): Promise<Notification> {
    const count = notification.actions.length;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new BadUserInputError(
        count ? `index must be 0 to ${count - 1}: the item has ${count} action(s)` : 'index: the item has no actions',
        ['index'],
      );
    }
    const now = new Date();
    const readNow = await em.nativeUpdate(
      Notification,
      { id: notification.id, read: false },
      { read: true, readAt: now, seenAt: notification.seenAt ?? now, updatedAt: now },
    );
    await em.nativeUpdate(
      Notification,
      { id: notification.id },
      { clickedAt: now, clickedAction: index, updatedAt: now },
    );
    const [updated] = await em.find(Notification, { id: notification.id }, { refresh: true });
    if (!updated) throw new NotFoundError('Notification', notification.id);
    if (readNow > 0) await this.inbox.countsChanged([updated.userId]);
    if (readNow > 0) await this.inbox.tell('notification.read', [updated], now);
    return updated;
  }

  /** Brings an archived item back into the inbox; an item not archived is returned as it is. */
  async unarchive(em: EntityManager, notification: Notification): Promise<Notification> {
    const now = new Date();
    const changed = await em.nativeUpdate(
      Notification,
      { id: notification.id, archivedAt: { $ne: null } },
      { archivedAt: null, updatedAt: now },
    );
    const [updated] = await em.find(Notification, { id: notification.id }, { refresh: true });
    if (!updated) throw new NotFoundError('Notification', notification.id);
    if (changed > 0 && !updated.read) await this.inbox.countsChanged([updated.userId]);
    return updated;
  }
}

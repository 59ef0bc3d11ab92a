import type { EntityManager, FilterQuery } from '@mikro-orm/sql';
import { DEFAULT_INBOX_SETTINGS, type InboxSettings } from '../config/settings.js';
import type { Logger } from '../logger.js';
import type { ActivityFeed } from '../shared/activity.js';
import type { Category } from '../shared/enums.js';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import { countUnread } from '../sql/count-unread.js';
import { encodeCursor, type InboxPosition } from './cursor.js';
import { normalizeTags } from './tags.js';
import type { InboxEvents, UnreadCount } from './inbox-events.js';
import { deleteInBatches } from './inbox-retention.js';
import { Notification } from './notification.entity.js';

/** Which of a user's items to list or count. */
export interface InboxFilter {
  /** true: only unread; false: only read; unset: both. */
  readonly unread?: boolean | null;
  readonly category?: Category | null;
  /** true: only archived; false or unset: only items not archived. */
  readonly archived?: boolean | null;
  /** true: only unseen; false: only seen; unset: both. */
  readonly unseen?: boolean | null;
  /** Items with any of these tags (normalized here); unset or empty: any. */
  readonly tags?: readonly string[] | null;
}

export interface InboxPage {
  readonly items: Notification[];
  readonly hasNextPage: boolean;
  /** Whether the filter lists any item before `after` (false without `after`). */
  readonly hasPreviousPage: boolean;
  cursorOf(item: Notification): string;
}

/** The in-app inbox: writes, reads and read-state changes, with live events after each commit. */
export class InboxService {
  /** The count round that callers may still join, and the one running (see publishUnreadCounts). */
  private nextCountRound?: { readonly users: Set<string>; readonly done: Promise<void> };
  private countRoundInFlight?: Promise<void>;

  constructor(
    private readonly em: EntityManager,
    private readonly events: InboxEvents,
    private readonly logger: Logger,
    private readonly settings: InboxSettings = DEFAULT_INBOX_SETTINGS,
    /** Told of items read and archived (outbound webhooks, analytics); none in unit tests. */
    private readonly activity?: ActivityFeed,
  ) {}

  /** The largest page {@link list} serves (INBOX_MAX_PAGE_SIZE). */
  get maxPageSize(): number {
    return this.settings.maxPageSize;
  }

  /** Throws BAD_USER_INPUT naming `field` unless `first` is a page size from 1 to INBOX_MAX_PAGE_SIZE. */
  assertPageSize(first: number, field = 'first'): void {
    if (!Number.isInteger(first) || first < 1 || first > this.settings.maxPageSize)
      throw new BadUserInputError(
        `${field} must be an integer from 1 to ${this.settings.maxPageSize} (INBOX_MAX_PAGE_SIZE); got ${first}`,
        [field],
      );
  }

  /** Publishes new inbox items and their users' unread counts; call after the write committed. */
  async announce(notifications: readonly Notification[]): Promise<void> {
    for (const notification of notifications) this.events.notificationAdded(notification);
    await this.publishUnreadCounts([...new Set(notifications.map((notification) => notification.userId))]);
  }

  /** Publishes the live counts of these users; call after a committed change to their items. */
  async countsChanged(userIds: readonly string[]): Promise<void> {
    await this.publishUnreadCounts([...new Set(userIds)]);
  }

  /**
   * One page of a user's inbox, latest to enter first (by inboxAt: a scheduled item counts
   * from its release); expired items are never listed. With INBOX_MARK_READ_ON_FETCH the
   * page's unread items are marked read (and returned read), and the user's new unread count
   * is published.
   */
  async list(
    em: EntityManager,
    userId: string,
    filter: InboxFilter,
    first: number,
    after?: InboxPosition,
  ): Promise<InboxPage> {
    const visible = this.visibleTo(userId, filter);
    const rows = await em.find(Notification, after ? { $and: [visible, olderThan(after)] } : visible, {
      orderBy: [{ inboxAt: 'desc' }, { id: 'desc' }],
      limit: first + 1,
    });
    // Relay lets forward paging answer false; one indexed probe tells the truth instead.
    const hasPreviousPage = after
      ? (await em.findOne(Notification, { $and: [visible, newerThan(after)] }, { fields: ['id'] })) !== null
      : false;
    const items = rows.slice(0, first);
    return {
      items: this.settings.markReadOnFetch ? await this.markListedRead(em, userId, items) : items,
      hasNextPage: rows.length > first,
      hasPreviousPage,
      cursorOf: (item) => encodeCursor(item),
    };
  }

  /** Marks the unread ones of `items` (one user's) read in one statement; returns the items as stored now. */
  private async markListedRead(em: EntityManager, userId: string, items: Notification[]): Promise<Notification[]> {
    const unread = items.filter((item) => !item.read).map((item) => item.id);
    if (!unread.length) return items;
    const now = new Date();
    const changes = { read: true, readAt: now, updatedAt: now };
    // Guarded by read = false: an item read meanwhile keeps its first readAt and is not counted twice.
    const changed = await em.nativeUpdate(Notification, { id: { $in: unread }, userId, read: false }, changes);
    if (changed === 0) return items;
    const marked = new Set(unread);
    const updated = items.map((item) =>
      marked.has(item.id) ? em.merge(Notification, { id: item.id, ...changes }, { refresh: true }) : item,
    );
    await this.publishUnreadCount(userId);
    await this.tell(
      'notification.read',
      updated.filter((item) => marked.has(item.id)),
      now,
    );
    return updated;
  }

  async count(em: EntityManager, userId: string, filter: InboxFilter): Promise<number> {
    return em.count(Notification, this.visibleTo(userId, filter));
  }

  /** The item, or NOT_FOUND; expired items count as gone. Ownership is the caller's to check. */
  async get(em: EntityManager, id: string): Promise<Notification> {
    const notification = await em.findOne(Notification, { id, ...notExpired() });
    if (!notification) throw new NotFoundError('Notification', id);
    return notification;
  }

  /**
   * `notification` is one `em` loaded (see get): it is updated in place, not read again.
   * Reading implies seeing (as in Knock): an item read is seen too; marking it unread keeps it seen.
   */
  async markRead(em: EntityManager, notification: Notification, read: boolean): Promise<Notification> {
    const now = new Date();
    const changes = {
      read,
      readAt: read ? now : null,
      ...(read && !notification.seenAt ? { seenAt: now } : {}),
      updatedAt: now,
    };
    const changed = await em.nativeUpdate(Notification, { id: notification.id, read: !read }, changes);
    const updated = await settle(em, notification, changed, changes);
    if (changed > 0) await this.publishUnreadCount(updated.userId);
    if (changed > 0 && read) await this.tell('notification.read', [updated], now);
    return updated;
  }

  /**
   * Marks every unread, listed item of the user read; returns how many changed and the
   * latest `itemLimit` of them as they now are (none when 0), found by the exact readAt
   * this call wrote.
   */
  async markAllRead(
    em: EntityManager,
    userId: string,
    itemLimit = 0,
  ): Promise<{ changed: number; items: Notification[] }> {
    const now = new Date();
    const changed = await this.markAllReadAt(em, userId, now);
    const items =
      changed && itemLimit
        ? await em.find(
            Notification,
            { userId, inInbox: true, read: true, readAt: now },
            { orderBy: [{ inboxAt: 'desc' }, { id: 'desc' }], limit: itemLimit },
          )
        : [];
    return { changed, items };
  }

  private async markAllReadAt(em: EntityManager, userId: string, now: Date): Promise<number> {
    // Reading implies seeing: the unseen among them become seen first (unseen items are always unread).
    await em.nativeUpdate(
      Notification,
      { userId, inInbox: true, read: false, seenAt: null, $and: [notExpired(), released(), awake()] },
      { seenAt: now },
    );
    const changed = await em.nativeUpdate(
      Notification,
      { userId, inInbox: true, read: false, $and: [notExpired(), released(), awake()] },
      { read: true, readAt: now, updatedAt: now },
    );
    if (changed > 0) await this.publishUnreadCount(userId);
    if (changed > 0 && this.activity?.heard)
      // The rows this call changed carry the exact readAt it wrote.
      await this.tell(
        'notification.read',
        await em.find(
          Notification,
          { userId, read: true, readAt: now },
          { fields: ['id', 'userId', 'category', 'templateKey'] },
        ),
        now,
      );
    return changed;
  }

  /** Tells the activity feed what changed, after the change committed (each statement here commits on its own). */
  async tell(
    kind: 'notification.read' | 'notification.archived',
    items: readonly Pick<Notification, 'id' | 'userId' | 'category' | 'templateKey'>[],
    at: Date,
  ): Promise<void> {
    if (!this.activity?.heard || !items.length) return;
    await this.activity.publish(
      items.map((item) => ({
        kind,
        notificationId: item.id,
        userId: item.userId,
        category: item.category,
        templateKey: item.templateKey ?? null,
        at,
      })),
    );
  }

  /** `notification` is one `em` loaded (see get): it is updated in place, not read again. */
  async archive(em: EntityManager, notification: Notification): Promise<Notification> {
    const now = new Date();
    const changes = { archivedAt: now, updatedAt: now };
    const changed = await em.nativeUpdate(Notification, { id: notification.id, archivedAt: null }, changes);
    const updated = await settle(em, notification, changed, changes);
    if (changed > 0 && !updated.read) await this.publishUnreadCount(updated.userId);
    if (changed > 0) await this.tell('notification.archived', [updated], now);
    return updated;
  }

  async delete(em: EntityManager, notification: Notification): Promise<void> {
    const deleted = await em.nativeDelete(Notification, { id: notification.id });
    if (deleted > 0 && !notification.read && !notification.archivedAt)
      await this.publishUnreadCount(notification.userId);
  }

  /** Deletes every expired item (with its deliveries), in short batches; returns how many. */
  async deleteExpired(em: EntityManager, now = new Date()): Promise<number> {
    const removed = await deleteInBatches(em, now, null);
    this.logger.info({ removed }, 'removed expired notifications');
    return removed;
  }

  /**
   * Sends every user watching their unread count on this process a fresh count: after the
   * live-events connection was down, changes made elsewhere in the meantime never arrived.
   * Read in chunks, so a process with many subscribers does not send one huge query.
   */
  async refreshWatchedUnreadCounts(): Promise<void> {
    const users = this.events.usersWatchingUnreadCount();
    // After any round already running, so an older count never lands after the fresh one.
    await this.countRoundInFlight?.catch(() => {});
    try {
      for (let start = 0; start < users.length; start += REFRESH_CHUNK) {
        const chunk = users.slice(start, start + REFRESH_CHUNK);
        const counts = await this.unreadCounts(chunk);
        for (const userId of chunk) this.events.unreadCountRefreshed(countOf(userId, counts));
      }
    } catch (error) {
      this.logger.warn({ err: error, users: users.length }, 'could not refresh unread counts after reconnecting');
    }
  }

  /** Unread counts of many users in one grouped query (users with none are absent). */
  async unreadCounts(userIds: readonly string[]): Promise<Map<string, { count: number; unseen: number }>> {
    if (!userIds.length) return new Map();
    // The same visibility as visibleTo() with { unread: true }, grouped per user.
    const rows = await countUnread(this.em, userIds);
    return new Map(rows.map((row) => [row.user_id, { count: row.count, unseen: row.unseen }]));
  }

  private visibleTo(userId: string, filter: InboxFilter): FilterQuery<Notification> {
    const where: Record<string, unknown> = {
      userId,
      inInbox: true,
      archivedAt: filter.archived ? { $ne: null } : null,
      $and: [notExpired(), released(), awake()],
    };
    if (filter.unread != null) where.read = !filter.unread;
    if (filter.category) where.category = filter.category;
    if (filter.unseen != null) where.seenAt = filter.unseen ? null : { $ne: null };
    if (filter.tags?.length) where.tags = { $overlap: normalizeTags(filter.tags) };
    return where;
  }

  private async publishUnreadCount(userId: string): Promise<void> {
    await this.publishUnreadCounts([userId]);
  }

  /**
   * Publishes the unread counts of these users, read after the caller's commit. Concurrent
   * callers share rounds: one grouped query per round, one round at a time, and a caller
   * joins only a round that has not started, so its query sees the caller's commit. Under
   * load this turns one count query per send into one per round trip, and keeps a user's
   * counts in order.
   */
  private async publishUnreadCounts(userIds: readonly string[]): Promise<void> {
    if (!userIds.length) return;
    let round = this.nextCountRound;
    if (!round) {
      const users = new Set<string>();
      const previous = this.countRoundInFlight;
      const done = (async () => {
        await previous?.catch(() => {});
        this.nextCountRound = undefined;
        try {
          const counts = await this.unreadCounts([...users]);
          for (const userId of users) this.events.unreadCountChanged(countOf(userId, counts));
        } catch (error) {
          // The write has committed: its caller must not see an error and retry it. Clients
          // refresh the badge with notificationCount when they reconnect.
          this.logger.error({ err: error, users: users.size }, 'could not publish unread counts');
        }
      })();
      round = this.nextCountRound = { users, done };
      this.countRoundInFlight = done;
    }
    for (const userId of userIds) round.users.add(userId);
    await round.done;
  }
}

/** Items listed after `position` (older, or as old with a smaller id). */
function olderThan(position: InboxPosition): FilterQuery<Notification> {
  return {
    $or: [{ inboxAt: { $lt: position.inboxAt } }, { inboxAt: position.inboxAt, id: { $lt: position.id } }],
  };
}

/** Items listed before `position`. */
function newerThan(position: InboxPosition): FilterQuery<Notification> {
  return {
    $or: [{ inboxAt: { $gt: position.inboxAt } }, { inboxAt: position.inboxAt, id: { $gt: position.id } }],
  };
}

/** Users per count query when refreshing every live badge. */
const REFRESH_CHUNK = 500;

/** A user's live counts from a grouped read; users absent from it have none. */
function countOf(userId: string, counts: ReadonlyMap<string, { count: number; unseen: number }>): UnreadCount {
  return { userId, count: counts.get(userId)?.count ?? 0, unseen: counts.get(userId)?.unseen ?? 0 };
}

/** Scheduled items stay out of the inbox until their send time. */
export function released(): { $or: FilterQuery<Notification>[] } {
  return { $or: [{ sendAt: null }, { sendAt: { $lte: new Date() } }] };
}

/** Snoozed items stay out of lists and counts until their snooze ends. */
export function awake(): { $or: FilterQuery<Notification>[] } {
  return { $or: [{ snoozedUntil: null }, { snoozedUntil: { $lte: new Date() } }] };
}

export function notExpired(): { $or: FilterQuery<Notification>[] } {
  return { $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] };
}

/**
 * The item after a guarded update of it. When the update changed the row, `changes` is what
 * the row now holds: it is merged into the loaded item (and into what `em` remembers of it,
 * so a later flush of `em` writes nothing). When it changed nothing (the item was already in
 * that state, or changed meanwhile), the item is read again to show what is stored.
 */
async function settle(
  em: EntityManager,
  notification: Notification,
  changed: number,
  changes: Partial<Notification>,
): Promise<Notification> {
  if (changed === 0) {
    const stored = await em.refresh(notification);
    if (!stored) throw new NotFoundError('Notification', notification.id);
    return stored;
  }
  return em.merge(Notification, { id: notification.id, ...changes }, { refresh: true });
}

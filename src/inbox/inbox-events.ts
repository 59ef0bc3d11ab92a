import type { EntityManager } from '@mikro-orm/sql';
import { LivePubSub } from '../live/live-pub-sub.js';
import type { WireCodec } from '../live/pg-event-target.js';
import { Notification } from './notification.entity.js';

/** The unread badge of one user after a change. */
export interface UnreadCount {
  readonly userId: string;
  readonly count: number;
  /** Unread items the user has not seen yet (seen: shown in the feed; read: opened). */
  readonly unseen: number;
}

/** Topic names; each event is published under the id of the user it belongs to. */
export const InboxTopic = {
  notificationAdded: 'NOTIFICATION_ADDED',
  unreadCountChanged: 'UNREAD_COUNT_CHANGED',
} as const;

export type InboxTopics = {
  NOTIFICATION_ADDED: [userId: string, payload: Notification];
  UNREAD_COUNT_CHANGED: [userId: string, payload: UnreadCount];
};

/**
 * Live inbox events, keyed by user. Publishers call it only after their transaction has
 * committed, so a subscriber never sees an item that a rollback removed.
 */
export class InboxEvents {
  /** Handed to type-graphql, whose subscriptions subscribe to it by topic and user id. */
  readonly pubSub: LivePubSub<InboxTopics>;

  /** `eventTarget`: where events travel; in-process by default, across processes with PgEventTarget. */
  constructor(eventTarget?: EventTarget) {
    this.pubSub = new LivePubSub<InboxTopics>(eventTarget);
  }

  notificationAdded(notification: Notification): void {
    this.pubSub.publish(InboxTopic.notificationAdded, notification.userId, notification);
  }

  unreadCountChanged(change: UnreadCount): void {
    this.pubSub.publish(InboxTopic.unreadCountChanged, change.userId, change);
  }

  /** Users with an unreadCountChanged subscription on this process. */
  usersWatchingUnreadCount(): string[] {
    return this.pubSub.subscribedIds(InboxTopic.unreadCountChanged);
  }

  /** A count for this process's subscribers only (each process refreshes its own). */
  unreadCountRefreshed(change: UnreadCount): void {
    this.pubSub.publishLocally(InboxTopic.unreadCountChanged, change.userId, change);
  }
}

/**
 * Inbox events on the wire: a new item travels as its id (records can be far larger than a
 * NOTIFY payload) and is read back, one query per batch; counts travel whole.
 */
export function inboxWireCodec(em: EntityManager): WireCodec {
  const isAdded = (type: string) => type.startsWith(`${InboxTopic.notificationAdded}:`);
  return {
    encode: (type, detail) => (isAdded(type) ? { id: (detail as Notification).id } : detail),
    async decode(events) {
      const ids = events.filter((event) => isAdded(event.type)).map((event) => (event.wire as { id: string }).id);
      const found = ids.length ? await em.fork().find(Notification, { id: { $in: ids } }) : [];
      const byId = new Map(found.map((notification) => [notification.id, notification]));
      return events.map((event) => (isAdded(event.type) ? byId.get((event.wire as { id: string }).id) : event.wire));
    },
  };
}

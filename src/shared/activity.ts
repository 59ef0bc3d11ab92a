import type { Category, Channel, DeliveryStatus } from './enums.js';

/** A delivery reached a new state: sent, skipped, failed, delivered, or (from provider receipts) further. */
export interface DeliveryChanged {
  readonly kind: 'delivery.changed';
  readonly deliveryId: string;
  readonly notificationId: string;
  readonly userId: string;
  readonly channel: Channel;
  readonly category: Category;
  readonly templateKey: string | null;
  readonly status: DeliveryStatus;
  /** The configured backend that sent it (or last tried), when there is one. */
  readonly backend: string | null;
  /** Why it was skipped, or the last error of a failure. */
  readonly reason: string | null;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When the delivery became due: its notification's creation, or its send time when scheduled. */
  readonly dueAt: Date;
  readonly at: Date;
}

/** Something happened to an inbox item. */
export interface NotificationChanged {
  readonly kind: 'notification.created' | 'notification.read' | 'notification.archived';
  readonly notificationId: string;
  readonly userId: string;
  readonly category: Category;
  readonly templateKey: string | null;
  readonly at: Date;
}

/** What the activity feed tells its listeners. */
export type Activity = DeliveryChanged | NotificationChanged;

/** Told of each activity after the change it describes has committed. */
export type ActivityListener = (activities: readonly Activity[]) => void | Promise<void>;

/**
 * The one place that hears what happened to notifications and deliveries, so that outbound
 * webhooks, metrics and analytics each listen rather than each being called from the write
 * paths. Publishers call `publish` only after their transaction committed (a rolled-back change
 * is never told), and in batches where they change many rows at once.
 *
 * Listeners run one after another and are awaited, so a listener that queues durable work
 * (outbound webhooks) has queued it before the publisher returns. A listener that throws is
 * reported to `onError` and does not stop the others or fail the change, which is already
 * committed. The feed is per process: each process publishes what it changed.
 */
export class ActivityFeed {
  private readonly listeners: ActivityListener[] = [];

  constructor(private readonly onError: (error: unknown, activities: readonly Activity[]) => void) {}

  /** Adds a listener for everything published from now on. */
  listen(listener: ActivityListener): void {
    this.listeners.push(listener);
  }

  /** True when someone listens: publishers may skip building activities otherwise. */
  get heard(): boolean {
    return this.listeners.length > 0;
  }

  async publish(activities: readonly Activity[]): Promise<void> {
    if (!activities.length) return;
    for (const listener of this.listeners) {
      try {
        await listener(activities);
      } catch (error) {
        this.onError(error, activities);
      }
    }
  }
}

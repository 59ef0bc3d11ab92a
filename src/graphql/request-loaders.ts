import DataLoader from 'dataloader';
import type { Delivery } from '../delivery/delivery.entity.js';

/** Where the loaders read from: one query for many items. */
export interface LoaderSources {
  /** Every delivery of each notification, in one query; notifications without any are absent. */
  deliveriesOfNotifications(notificationIds: readonly string[]): Promise<ReadonlyMap<string, Delivery[]>>;
}

/**
 * Batches per-item lookups of one operation: every `Notification.deliveries` resolved in
 * the same tick (a page of 100 items, or 30 aliased pages) becomes one query instead of one
 * per item. Created for each HTTP request and each WebSocket subscription. Nothing is
 * cached between batches: a subscription's context lives as long as the subscription, and
 * deliveries change state while it runs.
 */
export interface RequestLoaders {
  readonly deliveriesByNotification: DataLoader<string, Delivery[]>;
}

/** Keeps each `IN (…)` list, and each result, of a sane size. */
const MAX_BATCH_SIZE = 1_000;

export function createRequestLoaders(sources: LoaderSources): RequestLoaders {
  return {
    deliveriesByNotification: new DataLoader(
      async (notificationIds) => {
        const byNotification = await sources.deliveriesOfNotifications([...new Set(notificationIds)]);
        return notificationIds.map((id) => byNotification.get(id) ?? []);
      },
      { cache: false, maxBatchSize: MAX_BATCH_SIZE },
    ),
  };
}

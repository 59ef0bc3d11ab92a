import DataLoader from 'dataloader';
import type { Delivery } from '../delivery/delivery.entity.js';
import type { DeliveryEvent } from '../receipts/delivery-event.entity.js';

/** Where the loaders read from: one query for many items. */
export interface LoaderSources {
  /** Every delivery of each notification, in one query; notifications without any are absent. */
  deliveriesOfNotifications(notificationIds: readonly string[]): Promise<ReadonlyMap<string, Delivery[]>>;
  /** Every provider event of each delivery, oldest first, in one query; deliveries without any are absent. */
  eventsOfDeliveries(deliveryIds: readonly string[]): Promise<ReadonlyMap<string, DeliveryEvent[]>>;
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
  readonly eventsByDelivery: DataLoader<string, DeliveryEvent[]>;
}

/** Keeps each `IN (…)` list, and each result, of a sane size. */
const MAX_BATCH_SIZE = 1_000;

/**
 * Each loader is made on first use: most operations never read deliveries, and every idle
 * subscription holds a context for as long as its socket stays open (M5 counts that memory).
 */
export function createRequestLoaders(sources: LoaderSources): RequestLoaders {
  let deliveries: DataLoader<string, Delivery[]> | undefined;
  let events: DataLoader<string, DeliveryEvent[]> | undefined;
  return {
    get eventsByDelivery() {
      events ??= new DataLoader(
        async (deliveryIds) => {
          const byDelivery = await sources.eventsOfDeliveries([...new Set(deliveryIds)]);
          return deliveryIds.map((id) => byDelivery.get(id) ?? []);
        },
        { cache: false, maxBatchSize: MAX_BATCH_SIZE },
      );
      return events;
    },
    get deliveriesByNotification() {
      deliveries ??= new DataLoader(
        async (notificationIds) => {
          const byNotification = await sources.deliveriesOfNotifications([...new Set(notificationIds)]);
          return notificationIds.map((id) => byNotification.get(id) ?? []);
        },
        { cache: false, maxBatchSize: MAX_BATCH_SIZE },
      );
      return deliveries;
    },
  };
}

import type { DeliveryChanged } from '../shared/activity.js';
import type { Delivery } from './delivery.entity.js';

/** The activity of a delivery entity in the state it holds now (the worker's own path builds it from the claim). */
export function deliveryChanged(delivery: Delivery, at: Date = new Date()): DeliveryChanged {
  return {
    kind: 'delivery.changed',
    deliveryId: delivery.id,
    notificationId: delivery.notification.id,
    userId: delivery.notification.userId,
    channel: delivery.channel,
    category: delivery.notification.category,
    templateKey: delivery.notification.templateKey ?? null,
    status: delivery.status,
    backend: delivery.backend ?? null,
    reason: delivery.reason ?? null,
    attempts: delivery.attempts,
    dueAt: delivery.notification.inboxAt,
    at,
  };
}

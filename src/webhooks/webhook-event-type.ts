import { registerEnumType } from 'type-graphql';
import type { Activity } from '../shared/activity.js';

/** What an endpoint can subscribe to; each value's wire name (the payload's `type`) is in {@link WIRE_TYPE}. */
export enum WebhookEventType {
  NOTIFICATION_CREATED = 'notification.created',
  NOTIFICATION_READ = 'notification.read',
  NOTIFICATION_ARCHIVED = 'notification.archived',
  DELIVERY_SENT = 'delivery.sent',
  DELIVERY_DELIVERED = 'delivery.delivered',
  DELIVERY_FAILED = 'delivery.failed',
  DELIVERY_BOUNCED = 'delivery.bounced',
  DELIVERY_OPENED = 'delivery.opened',
  DELIVERY_CLICKED = 'delivery.clicked',
  DELIVERY_SKIPPED = 'delivery.skipped',
}

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event an endpoint receives; the payload `type` is the lower-case dotted name (delivery.sent).',
});

/**
 * The event type of a delivery reaching a status, by the status's stored value. A complaint
 * is reported as `delivery.bounced` (the address is lost to you either way, and the detail
 * says which), an undelivered SMS as `delivery.failed`; queued and sending are no events.
 */
const DELIVERY_EVENT: Readonly<Record<string, WebhookEventType>> = {
  sent: WebhookEventType.DELIVERY_SENT,
  delivered: WebhookEventType.DELIVERY_DELIVERED,
  opened: WebhookEventType.DELIVERY_OPENED,
  clicked: WebhookEventType.DELIVERY_CLICKED,
  bounced: WebhookEventType.DELIVERY_BOUNCED,
  complained: WebhookEventType.DELIVERY_BOUNCED,
  failed: WebhookEventType.DELIVERY_FAILED,
  undelivered: WebhookEventType.DELIVERY_FAILED,
  skipped: WebhookEventType.DELIVERY_SKIPPED,
};

/** The event an activity is, if any, and its payload `data`. */
export function webhookEventOf(activity: Activity): { type: WebhookEventType; data: Record<string, unknown> } | null {
  if (activity.kind === 'delivery.changed') {
    const type = DELIVERY_EVENT[activity.status];
    if (!type) return null;
    return {
      type,
      data: {
        deliveryId: activity.deliveryId,
        notificationId: activity.notificationId,
        userId: activity.userId,
        channel: activity.channel,
        status: activity.status,
        reason: activity.reason,
        backend: activity.backend,
        templateKey: activity.templateKey,
        category: activity.category,
        attempts: activity.attempts,
        at: activity.at.toISOString(),
      },
    };
  }
  const type = {
    'notification.created': WebhookEventType.NOTIFICATION_CREATED,
    'notification.read': WebhookEventType.NOTIFICATION_READ,
    'notification.archived': WebhookEventType.NOTIFICATION_ARCHIVED,
  }[activity.kind];
  return {
    type,
    data: {
      notificationId: activity.notificationId,
      userId: activity.userId,
      templateKey: activity.templateKey,
      category: activity.category,
      at: activity.at.toISOString(),
    },
  };
}

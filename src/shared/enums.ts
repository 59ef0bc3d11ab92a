import { registerEnumType } from 'type-graphql';

// Stored values are the seed's lower-case words, so rows written with plain SQL as the
// seed document shows ('email', 'system', 'medium') read back as the GraphQL enums.

export enum Channel {
  IN_APP = 'in_app',
  EMAIL = 'email',
  SMS = 'sms',
  PUSH = 'push',
}

export enum Category {
  ACCOUNT = 'account',
  VERIFICATION = 'verification',
  SECURITY = 'security',
  BILLING = 'billing',
  MARKETING = 'marketing',
  SYSTEM = 'system',
  SUPPORT = 'support',
}

export enum Priority {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
  URGENT = 'urgent',
}

export enum DeliveryStatus {
  QUEUED = 'queued',
  SENDING = 'sending',
  SENT = 'sent',
  DELIVERED = 'delivered',
  FAILED = 'failed',
  SKIPPED = 'skipped',
  /** Provider receipts (see receipts/): the furthest state a provider reported after SENT. */
  OPENED = 'opened',
  CLICKED = 'clicked',
  BOUNCED = 'bounced',
  COMPLAINED = 'complained',
  UNDELIVERED = 'undelivered',
}

export enum PushTargetKind {
  WEB_PUSH = 'web_push',
  FCM = 'fcm',
  APNS = 'apns',
}

registerEnumType(Channel, { name: 'Channel', description: 'A way of reaching a user.' });
registerEnumType(Category, {
  name: 'Category',
  description: 'What a notification is about; preferences are kept per category.',
});
registerEnumType(Priority, { name: 'Priority' });
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where one delivery (notification × channel) stands.',
});
registerEnumType(PushTargetKind, { name: 'PushTargetKind' });

import type { EntityManager } from '@mikro-orm/sql';
import type { Delivery } from '../delivery/delivery.entity.js';
import type { Notification } from '../inbox/notification.entity.js';
import type { IdempotencyRecord } from './idempotency-record.entity.js';

/** What one send writes: its notifications, their deliveries and, for a keyed request, its idempotency record. */
export interface SendRows {
  readonly notifications: readonly Notification[];
  readonly deliveries: readonly Delivery[];
  readonly idempotency?: IdempotencyRecord | null;
}

// Each table's rows travel as one JSON parameter that PostgreSQL expands with
// json_populate_recordset, so a send of one user or of ten thousand is one statement,
// and the notifications, their deliveries and the idempotency record are written
// atomically without an explicit transaction. The foreign key from deliveries to
// notifications is checked at the end of the statement, when both are in.
const INSERT_SEND = `
with notification_rows as (
  insert into notifications (id, user_id, channels, category, priority, title, message, html_content, action_url,
    in_inbox, metadata, template_key, event, idempotency_key, send_at, expires_at, created_at, updated_at)
  select id, user_id, channels, category, priority, title, message, html_content, action_url,
    in_inbox, metadata, template_key, event, idempotency_key, send_at, expires_at, created_at, created_at
  from json_populate_recordset(null::notifications, ?::json)
  returning 1
), delivery_rows as (
  insert into deliveries (id, notification_id, channel, status, reason, content, sealed_content, sent_at, created_at, updated_at)
  select id, notification_id, channel, status, reason, content, sealed_content, sent_at, created_at, created_at
  from json_populate_recordset(null::deliveries, ?::json)
  returning 1
), idempotency_rows as (
  insert into idempotency_keys (api_key_id, key, operation, request_hash, notification_ids, created_at)
  select api_key_id, key, operation, request_hash, notification_ids, created_at
  from json_populate_recordset(null::idempotency_keys, ?::json)
  returning 1
)
select (select count(*) from notification_rows)::int as notifications, (select count(*) from delivery_rows)::int as deliveries,
  (select count(*) from idempotency_rows)::int as idempotency`;

/**
 * Writes a send's rows in one statement, on `em`'s connection and inside its transaction
 * if it has one. The send path is the hottest write in Belfry: this skips the unit of work
 * (change sets, identity map) that the ORM would spend on rows it only inserts.
 */
export async function insertSendRows(em: EntityManager, rows: SendRows): Promise<void> {
  const notifications = rows.notifications.map((notification) => ({
    id: notification.id,
    user_id: notification.userId,
    channels: notification.channels,
    category: notification.category,
    priority: notification.priority,
    title: notification.title,
    message: notification.message,
    html_content: notification.htmlContent ?? null,
    action_url: notification.actionUrl ?? null,
    in_inbox: notification.inInbox,
    metadata: notification.metadata ?? null,
    template_key: notification.templateKey ?? null,
    event: notification.event ?? null,
    idempotency_key: notification.idempotencyKey ?? null,
    send_at: notification.sendAt ?? null,
    expires_at: notification.expiresAt ?? null,
    created_at: notification.createdAt,
  }));
  const deliveries = rows.deliveries.map((delivery) => ({
    id: delivery.id,
    notification_id: delivery.notification.id,
    channel: delivery.channel,
    status: delivery.status,
    reason: delivery.reason ?? null,
    content: delivery.content ?? null,
    sealed_content: delivery.sealedContent ?? null,
    sent_at: delivery.sentAt ?? null,
    created_at: delivery.createdAt,
  }));
  const record = rows.idempotency;
  const idempotency = record
    ? [{ api_key_id: record.apiKeyId, key: record.key, operation: record.operation, request_hash: record.requestHash, notification_ids: record.notificationIds, created_at: record.createdAt }]
    : [];
  await em.getConnection().execute(
    INSERT_SEND,
    [JSON.stringify(notifications), JSON.stringify(deliveries), JSON.stringify(idempotency)],
    'all',
    em.getTransactionContext(),
  );
}

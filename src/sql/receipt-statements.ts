import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { runSql } from './run-sql.js';

/** A provider event to keep on a delivery. */
export interface DeliveryEventRow {
  readonly deliveryId: string;
  readonly type: string;
  readonly at: Date;
  readonly detail: Record<string, unknown>;
  readonly backend: string;
  readonly providerEventId: string;
}

/** Keeps the event unless the same provider event was kept before; true when this call wrote it. */
export async function insertDeliveryEvent(em: EntityManager, event: DeliveryEventRow): Promise<boolean> {
  const rows = await runSql<{ id: string }>(
    em,
    `insert into delivery_events (id, delivery_id, type, at, detail, backend, provider_event_id)
       values (?, ?, ?, ?, ?::jsonb, ?, ?)
       on conflict (backend, provider_event_id) do nothing returning id`,
    [
      randomUUID(),
      event.deliveryId,
      event.type,
      event.at,
      JSON.stringify(event.detail),
      event.backend,
      event.providerEventId,
    ],
  );
  return rows.length > 0;
}

/**
 * Takes a webhook signature's one-time token: true the first time, false for a replay (on any
 * process). Tokens past their expiry are swept as new ones come.
 */
export async function useWebhookNonce(em: EntityManager, nonce: string, expiresAt: Date): Promise<boolean> {
  const rows = await runSql<{ nonce: string }>(
    em,
    `with swept as (delete from webhook_nonces where expires_at < now())
     insert into webhook_nonces (nonce, expires_at) values (?, ?) on conflict do nothing returning nonce`,
    [nonce, expiresAt],
  );
  return rows.length > 0;
}

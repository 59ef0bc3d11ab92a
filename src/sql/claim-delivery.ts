import type { EntityManager } from '@mikro-orm/sql';
import type { DeliveryContent } from '../delivery/delivery.entity.js';
import type { Category, Channel, Priority } from '../shared/enums.js';
import { runSql } from './run-sql.js';

/** What claim-delivery returns, as PostgreSQL sends it. */
export interface ClaimedDeliveryRow {
  readonly id: string;
  readonly channel: Channel;
  readonly notification_id: string;
  readonly user_id: string;
  readonly priority: Priority;
  readonly category: Category;
  readonly template_key: string | null;
  /** When the notification entered the inbox (its release time when scheduled): when the delivery became due. */
  readonly inbox_at: Date | string;
  /** A json column: parsed by pg, a string from some drivers. */
  readonly content: DeliveryContent | string | null;
  readonly sealed_content: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly expires_at: Date | string | null;
  readonly attempts: number | string;
  /** The address this delivery goes to is suppressed (checked at the claim: a suppression may come after queueing). */
  readonly suppressed: boolean;
}

/**
 * Marks the delivery SENDING and counts the attempt; returns it with what a worker needs to
 * send it (the notification's user, priority and expiry, the recipient's address), or no
 * row when it is gone, already finished or in-app.
 */
export async function claimDelivery(em: EntityManager, deliveryId: string): Promise<ClaimedDeliveryRow | undefined> {
  const rows = await runSql<ClaimedDeliveryRow>(
    em,
    `update deliveries d set status = 'sending', attempts = d.attempts + 1, updated_at = now()
       from notifications n left join recipients r on r.user_id = n.user_id
      where d.id = ? and n.id = d.notification_id and d.status in ('queued', 'sending') and d.channel <> 'in_app'
      returning d.id, d.channel, d.notification_id, n.user_id, n.priority, n.category, n.template_key, n.inbox_at, d.content, d.sealed_content, r.email, r.phone, n.expires_at, d.attempts,
        exists (select 1 from suppressions s where s.channel = d.channel
                and s.address = case d.channel when 'email' then lower(trim(r.email)) else r.phone end) as suppressed`,
    [deliveryId],
  );
  return rows[0];
}

import type { EntityManager } from '@mikro-orm/sql';
import { DeliveryStatus } from '../shared/enums.js';
import { runSql } from './run-sql.js';

/** How a delivery attempt ended, as the finish statements store it. */
export type FinishedDelivery =
  | {
      readonly status: DeliveryStatus.SENT;
      readonly attempts: number;
      readonly backend: string;
      readonly providerMessageId: string | null;
      /** The provider only validated it (sandbox mode): nothing was delivered. */
      readonly sandbox?: boolean;
    }
  | {
      readonly status: DeliveryStatus.QUEUED | DeliveryStatus.FAILED;
      readonly attempts: number;
      readonly backend: string | null;
      readonly lastError: string;
    }
  | { readonly status: DeliveryStatus.SKIPPED; readonly attempts: number; readonly reason: string };

/**
 * Records the outcome of an attempt. SENT and SKIPPED also wipe the sealed copy, which is
 * needed no longer; QUEUED (to be retried) and FAILED keep the backend last tried when none
 * is given, and FAILED stamps failed_at.
 */
export async function finishDelivery(em: EntityManager, deliveryId: string, outcome: FinishedDelivery): Promise<void> {
  switch (outcome.status) {
    case DeliveryStatus.SKIPPED:
      await runSql(
        em,
        `update deliveries set status = 'skipped', attempts = ?, reason = ?, sealed_content = null, updated_at = now() where id = ?`,
        [outcome.attempts, outcome.reason, deliveryId],
      );
      return;
    case DeliveryStatus.SENT:
      await runSql(
        em,
        `update deliveries set status = 'sent', attempts = ?, backend = ?, provider_message_id = ?, sandbox = ?, last_error = null, sent_at = now(), sealed_content = null, updated_at = now() where id = ?`,
        [outcome.attempts, outcome.backend, outcome.providerMessageId, outcome.sandbox === true, deliveryId],
      );
      return;
    default:
      await runSql(
        em,
        `update deliveries set status = ?, attempts = ?, backend = coalesce(?, backend), last_error = ?, failed_at = ?, updated_at = now() where id = ?`,
        [
          outcome.status,
          outcome.attempts,
          outcome.backend,
          outcome.lastError,
          outcome.status === DeliveryStatus.FAILED ? new Date() : null,
          deliveryId,
        ],
      );
  }
}

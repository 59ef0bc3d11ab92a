import type { EntityManager } from '@mikro-orm/sql';
import type { Category, Channel, Priority } from '../shared/enums.js';
import { claimDelivery } from '../sql/claim-delivery.js';
import { finishDelivery, type FinishedDelivery } from '../sql/finish-delivery.js';
import type { DeliveryContent } from './delivery.entity.js';

/** What a worker needs to send one delivery, read in one query. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly channel: Channel;
  readonly notificationId: string;
  readonly userId: string;
  readonly priority: Priority;
  readonly category: Category;
  readonly templateKey: string | null;
  /** When it became due: created, or released at its send time. */
  readonly dueAt: Date;
  readonly content: DeliveryContent | null;
  readonly sealedContent: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** When the notification stops being worth sending; nothing goes out after it. */
  readonly expiresAt: Date | null;
  /** Including the attempt being made now. */
  readonly attempts: number;
  /** Its address was suppressed since it was queued: it is skipped, not sent. */
  readonly suppressed: boolean;
}

/** How a delivery attempt ended. */
export type DeliveryOutcome = FinishedDelivery;

/**
 * The worker's reads and writes, as plain statements: it handles every delivery, so it skips
 * the unit of work's hydration and change tracking (a third of its CPU when it used them).
 */
export class DeliveryStore {
  constructor(private readonly em: EntityManager) {}

  /**
   * Marks the delivery SENDING and counts the attempt, committed before any provider call.
   * Returns undefined when it is gone or already finished (a duplicate or late job).
   */
  async claim(id: string): Promise<ClaimedDelivery | undefined> {
    const row = await claimDelivery(this.em, id);
    if (!row) return undefined;
    return {
      id: row.id,
      channel: row.channel,
      notificationId: row.notification_id,
      userId: row.user_id,
      priority: row.priority,
      category: row.category,
      templateKey: row.template_key,
      dueAt: new Date(row.inbox_at),
      content: typeof row.content === 'string' ? (JSON.parse(row.content) as DeliveryContent) : row.content,
      sealedContent: row.sealed_content,
      email: row.email,
      phone: row.phone,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      attempts: Number(row.attempts),
      suppressed: row.suppressed,
    };
  }

  /** Records the outcome; SENT and SKIPPED also wipe the sealed copy, which is needed no longer. */
  async finish(id: string, outcome: DeliveryOutcome): Promise<void> {
    await finishDelivery(this.em, id, outcome);
  }
}

import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Delivery } from '../delivery/delivery.entity.js';
import { deliveryChanged } from '../delivery/delivery-activity.js';
import type { Logger } from '../logger.js';
import type { ActivityFeed } from '../shared/activity.js';
import { insertDeliveryEvent, useWebhookNonce } from '../sql/receipt-statements.js';
import { statusAfter, TIMESTAMP_OF } from './delivery-progress.js';
import type { Receipt } from './receipt.js';
import { Recipient } from '../recipients/recipient.entity.js';
import { Channel } from '../shared/enums.js';
import { BadUserInputError } from '../shared/errors.js';
import type { SuppressionService } from '../suppression/suppression.service.js';
import { DeliveryEvent } from './delivery-event.entity.js';

/** Receipts that suppress the address, and the reason they record. */
const SUPPRESSING: Partial<Record<Receipt['type'], string>> = {
  bounced: 'hard_bounce',
  complained: 'complaint',
  opted_out: 'opt_out',
};

/** What recording a receipt did. */
export type ReceiptOutcome = 'recorded' | 'duplicate' | 'unknown_message';

/**
 * Applies verified provider receipts: keeps each as a delivery event (once, whatever the
 * provider retries), moves the delivery forward (never back, see delivery-progress.ts), sets
 * the first timestamp of each kind, and tells the activity feed of a state reached.
 */
export class ReceiptService {
  constructor(
    private readonly em: EntityManager,
    private readonly activity: ActivityFeed,
    private readonly suppressions: SuppressionService,
    private readonly logger: Logger,
  ) {}

  /** False when this one-time token was used before: the call is a replay. */
  useNonce(nonce: string, expiresAt: Date): Promise<boolean> {
    return useWebhookNonce(this.em.fork(), nonce, expiresAt);
  }

  /**
   * A hard bounce or a complaint stops email to that address; an SMS opt-out, texts to that
   * number. The address is the one the provider names, else the recipient's on file.
   */
  private async suppress(tx: EntityManager, delivery: Delivery, receipt: Receipt, reason: string): Promise<void> {
    if (delivery.channel !== Channel.EMAIL && delivery.channel !== Channel.SMS) return;
    const recipient = await tx.findOne(Recipient, { userId: delivery.notification.userId });
    const address = receipt.recipient ?? (delivery.channel === Channel.EMAIL ? recipient?.email : recipient?.phone);
    if (!address) return;
    try {
      await this.suppressions.add(tx, delivery.channel, address, reason, receipt.backend);
    } catch (error) {
      // An address the provider names that is no valid address: the receipt still counts.
      if (!(error instanceof BadUserInputError)) throw error;
      this.logger.warn(
        { backend: receipt.backend, type: receipt.type },
        'receipt names an address that cannot be suppressed',
      );
    }
  }

  /** An inbound STOP: no more texts to that number from any SMS backend. */
  async optOut(backend: string, phone: string): Promise<void> {
    try {
      await this.suppressions.add(this.em.fork(), Channel.SMS, phone, 'opt_out', backend);
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      this.logger.warn({ backend }, 'opt-out from a number that is not E.164; ignored');
    }
  }

  async record(receipt: Receipt): Promise<ReceiptOutcome> {
    const changed = await this.em.fork().transactional(async (tx): Promise<ReceiptOutcome | Delivery> => {
      // Locked: two receipts for one delivery (delivered and opened, sent together) apply one after the other.
      const delivery = await tx.findOne(
        Delivery,
        {
          backend: receipt.backend,
          providerMessageId: { $in: [receipt.providerMessageId, `<${receipt.providerMessageId}>`] },
        },
        { populate: ['notification'], lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!delivery) return 'unknown_message';
      const fresh = await insertDeliveryEvent(tx, {
        deliveryId: delivery.id,
        type: receipt.type,
        at: receipt.at,
        detail: receipt.detail,
        backend: receipt.backend,
        providerEventId: receipt.eventId,
      });
      if (!fresh) return 'duplicate';
      const column = TIMESTAMP_OF[receipt.type];
      if (column && !delivery[column]) delivery[column] = receipt.at;
      const next = statusAfter(delivery.status, receipt.type);
      if (next) delivery.status = next;
      await tx.flush();
      const suppress = SUPPRESSING[receipt.type];
      if (suppress) await this.suppress(tx, delivery, receipt, suppress);
      return next ? delivery : 'recorded';
    });
    if (typeof changed === 'string') {
      if (changed === 'unknown_message')
        this.logger.info(
          { backend: receipt.backend, type: receipt.type, providerMessageId: receipt.providerMessageId },
          'receipt for a message Belfry did not send; ignored',
        );
      return changed;
    }
    await this.activity.publish([deliveryChanged(changed, receipt.at)]);
    return 'recorded';
  }
}

/** Every event of each delivery, oldest first, in one query (for Delivery.events). */
export async function eventsOfDeliveries(
  em: EntityManager,
  deliveryIds: readonly string[],
): Promise<Map<string, DeliveryEvent[]>> {
  const byDelivery = new Map<string, DeliveryEvent[]>();
  if (!deliveryIds.length) return byDelivery;
  const events = await em
    .fork()
    .find(DeliveryEvent, { delivery: { $in: [...deliveryIds] } }, { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] });
  for (const event of events) {
    const id = event.delivery.id;
    const list = byDelivery.get(id);
    if (list) list.push(event);
    else byDelivery.set(id, [event]);
  }
  return byDelivery;
}

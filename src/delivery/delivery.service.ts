import type { EntityManager } from '@mikro-orm/sql';
import { DeliveryStatus, type Channel } from '../shared/enums.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { Delivery } from './delivery.entity.js';

export interface DeliveryFilter {
  readonly notificationId?: string | null;
  readonly userId?: string | null;
  readonly status?: DeliveryStatus | null;
  readonly channel?: Channel | null;
}

/** Reads delivery records. */
export class DeliveryService {
  constructor(
    private readonly em: EntityManager,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Queues a FAILED delivery again, with a fresh job (and a fresh set of job retries). */
  async retry(em: EntityManager, id: string): Promise<Delivery> {
    return em.transactional(async (tx) => {
      const delivery = await tx.findOne(Delivery, id, { populate: ['notification'] });
      if (!delivery) throw new NotFoundError('Delivery', id);
      if (delivery.status !== DeliveryStatus.FAILED) {
        throw new ConflictError(`Only FAILED deliveries can be retried; this one is ${delivery.status.toUpperCase()}`);
      }
      Object.assign(delivery, { status: DeliveryStatus.QUEUED, failedAt: null });
      await tx.flush();
      await this.queue.enqueueInTransaction(tx, [{ channel: delivery.channel, deliveryId: delivery.id }]);
      return delivery;
    });
  }

  async list(em: EntityManager, filter: DeliveryFilter, limit: number): Promise<Delivery[]> {
    const where: Record<string, unknown> = {};
    if (filter.notificationId) where.notification = filter.notificationId;
    if (filter.userId)
      where.notification = { ...(filter.notificationId ? { id: filter.notificationId } : {}), userId: filter.userId };
    if (filter.status) where.status = filter.status;
    if (filter.channel) where.channel = filter.channel;
    return em.find(Delivery, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit });
  }

  /** The deliveries of many notifications in one query, by notification id, each list by channel. */
  async deliveriesOfNotifications(notificationIds: readonly string[]): Promise<Map<string, Delivery[]>> {
    const byNotification = new Map<string, Delivery[]>();
    if (notificationIds.length === 0) return byNotification;
    const deliveries = await this.em
      .fork()
      .find(Delivery, { notification: { $in: [...notificationIds] } }, { orderBy: { channel: 'asc' } });
    for (const delivery of deliveries) {
      const list = byNotification.get(delivery.notificationId);
      if (list) list.push(delivery);
      else byNotification.set(delivery.notificationId, [delivery]);
    }
    return byNotification;
  }
}

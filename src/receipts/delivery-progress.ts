import { DeliveryStatus } from '../shared/enums.js';
import type { ReceiptType } from './receipt.js';

/**
 * How far along a delivery is: a receipt moves it only forward, so receipts that arrive out
 * of order (a "delivered" after an "opened") never move it back. Bounces, complaints and
 * undelivered SMS end it, and a complaint outranks everything (a recipient may open a message
 * and then mark it as spam).
 */
const RANK: Partial<Record<DeliveryStatus, number>> = {
  [DeliveryStatus.SENT]: 1,
  [DeliveryStatus.DELIVERED]: 2,
  [DeliveryStatus.OPENED]: 3,
  [DeliveryStatus.CLICKED]: 4,
  [DeliveryStatus.UNDELIVERED]: 5,
  [DeliveryStatus.BOUNCED]: 5,
  [DeliveryStatus.COMPLAINED]: 6,
};

const STATUS_OF: Partial<Record<ReceiptType, DeliveryStatus>> = {
  delivered: DeliveryStatus.DELIVERED,
  opened: DeliveryStatus.OPENED,
  clicked: DeliveryStatus.CLICKED,
  bounced: DeliveryStatus.BOUNCED,
  complained: DeliveryStatus.COMPLAINED,
  undelivered: DeliveryStatus.UNDELIVERED,
  opted_out: DeliveryStatus.UNDELIVERED,
};

/** The status a receipt moves a delivery to, or null when it leaves it where it is. */
export function statusAfter(current: DeliveryStatus, receipt: ReceiptType): DeliveryStatus | null {
  const next = STATUS_OF[receipt];
  const from = RANK[current];
  // Only a sent delivery takes receipts: one still queued or sending is ours, not the provider's.
  if (!next || from === undefined) return null;
  return (RANK[next] ?? 0) > from ? next : null;
}

/** The timestamp column a receipt type sets the first time it is seen. */
export const TIMESTAMP_OF: Partial<Record<ReceiptType, 'deliveredAt' | 'openedAt' | 'clickedAt' | 'bouncedAt'>> = {
  delivered: 'deliveredAt',
  opened: 'openedAt',
  clicked: 'clickedAt',
  bounced: 'bouncedAt',
  complained: 'bouncedAt',
  undelivered: 'bouncedAt',
  opted_out: 'bouncedAt',
};

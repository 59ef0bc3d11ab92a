import { describe, expect, it } from 'vitest';
import { DeliveryStatus } from '../shared/enums.js';
import { statusAfter } from './delivery-progress.js';

describe('a receipt moves a delivery only forward', () => {
  it('delivered, opened, clicked in order; late ones change nothing', () => {
    expect(statusAfter(DeliveryStatus.SENT, 'delivered')).toBe(DeliveryStatus.DELIVERED);
    expect(statusAfter(DeliveryStatus.DELIVERED, 'opened')).toBe(DeliveryStatus.OPENED);
    expect(statusAfter(DeliveryStatus.OPENED, 'clicked')).toBe(DeliveryStatus.CLICKED);
    expect(statusAfter(DeliveryStatus.OPENED, 'delivered')).toBeNull();
    expect(statusAfter(DeliveryStatus.CLICKED, 'opened')).toBeNull();
  });

  it('a complaint outranks an open; a soft bounce or an unsubscribe changes nothing', () => {
    expect(statusAfter(DeliveryStatus.OPENED, 'complained')).toBe(DeliveryStatus.COMPLAINED);
    expect(statusAfter(DeliveryStatus.COMPLAINED, 'clicked')).toBeNull();
    expect(statusAfter(DeliveryStatus.SENT, 'deferred')).toBeNull();
    expect(statusAfter(DeliveryStatus.SENT, 'unsubscribed')).toBeNull();
    expect(statusAfter(DeliveryStatus.SENT, 'bounced')).toBe(DeliveryStatus.BOUNCED);
    expect(statusAfter(DeliveryStatus.BOUNCED, 'delivered')).toBeNull();
  });

  it('a delivery that is not sent yet (or skipped, or failed) takes no receipt', () => {
    for (const status of [DeliveryStatus.QUEUED, DeliveryStatus.SENDING, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED])
      expect(statusAfter(status, 'delivered')).toBeNull();
  });
});

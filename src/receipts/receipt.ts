/** What a provider reported about a message it accepted. */
export type ReceiptType =
  | 'delivered'
  | 'opened'
  | 'clicked'
  /** A permanent bounce (detail.kind = hard). */
  | 'bounced'
  /** A temporary failure the provider will retry itself (detail.kind = soft): recorded, changes nothing. */
  | 'deferred'
  | 'complained'
  /** SMS: the carrier could not deliver it. */
  | 'undelivered'
  /** The recipient unsubscribed through the provider's own link: recorded, changes nothing. */
  | 'unsubscribed'
  /** SMS: the number opted out (STOP, or the carrier refused it as unsubscribed): suppresses it. */
  | 'opted_out';

/** One provider event, parsed and verified. */
export interface Receipt {
  /** The configured backend it came from (its webhook path). */
  readonly backend: string;
  /** The provider's id of the message, as its send API returned it (angle brackets trimmed). */
  readonly providerMessageId: string;
  /** The provider's id of this event, so a retried callback is recorded once. */
  readonly eventId: string;
  readonly type: ReceiptType;
  /** When the provider says it happened. */
  readonly at: Date;
  /** Provider detail worth keeping: bounce kind and reason, the clicked URL, the error code. */
  readonly detail: Record<string, unknown>;
  /** For suppression: the address the event is about, when the provider names it. */
  readonly recipient?: string | null;
}

/** Message ids compare without the angle brackets some APIs wrap them in (`<id@domain>`). */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<(.*)>$/, '$1');
}

import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { CreatedAt } from '../db/timestamps.js';

/** The first result of a send made with an idempotency key, kept 24 hours. Keys are per API key. */
@Entity({ tableName: 'idempotency_keys' })
export class IdempotencyRecord extends CreatedAt {
  [OptionalProps]?: 'createdAt';

  /** The `keyId` of the API key that sent it: another caller's same key is a different record. */
  @PrimaryKey({ type: 'text' })
  apiKeyId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  /** sendNotification, sendTemplate or triggerEvent. */
  @Property({ type: 'text' })
  operation!: string;

  /** SHA-256 of the canonical request, to tell a repeat from a different request with the same key. */
  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'json' })
  notificationIds!: string[];
}

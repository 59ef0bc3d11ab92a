import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Category, Channel, Priority } from '../shared/enums.js';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';

/** One notification for one user: the inbox item, and the source of its deliveries. */
@ObjectType({ description: 'A notification addressed to one user.' })
@Entity({ tableName: 'notifications' })
// Serves the inbox page query: one user's items, newest first, keyset-paginated.
@Index({
  name: 'notifications_user_newest_idx',
  expression:
    'create index "notifications_user_newest_idx" on "notifications" ("user_id", "created_at" desc, "id" desc)',
})
// Serves unread counts and the unread filter without touching read rows.
@Index({
  name: 'notifications_user_unread_idx',
  expression:
    'create index "notifications_user_unread_idx" on "notifications" ("user_id", "created_at" desc) where "read" = false',
})
// Serves cleanup of expired items.
@Index({
  name: 'notifications_expires_at_idx',
  expression:
    'create index "notifications_expires_at_idx" on "notifications" ("expires_at") where "expires_at" is not null',
})
// Serves the retention job (inbox-retention.ts): the oldest items first, in batches.
@Index({
  name: 'notifications_created_at_idx',
  expression: 'create index "notifications_created_at_idx" on "notifications" ("created_at")',
})
export class Notification extends Timestamped {
  [OptionalProps]?: 'read' | 'inInbox' | 'archived' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  userId!: string;

  @Field(() => [Channel])
  @Enum({ items: () => Channel, array: true })
  channels!: Channel[];

  @Field(() => Category)
  @Enum({ items: () => Category })
  category!: Category;

  @Field(() => Priority)
  @Enum({ items: () => Priority })
  priority!: Priority;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  message!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  htmlContent?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the app should take the user when the item is opened.' })
  @Property({ type: 'text', nullable: true })
  actionUrl?: string | null;

  /** False when the in-app channel was skipped: the row exists for its other deliveries only. */
  @Field({ description: 'Whether the item is in the in-app inbox (false when IN_APP was skipped or not requested).' })
  @Property({ type: 'boolean', default: true })
  inInbox: boolean = true;

  @Field()
  @Property({ type: 'boolean', default: false })
  read: boolean = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  seenAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  metadata?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The template this notification was rendered from.' })
  @Property({ type: 'text', nullable: true })
  templateKey?: string | null;

  @Field(() => String, { nullable: true, description: 'The event that triggered this notification.' })
  @Property({ type: 'text', nullable: true })
  event?: string | null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  @Field(() => Date, { nullable: true, description: 'When delivery is scheduled, if later than creation.' })
  @Property({ type: 'datetime', nullable: true })
  sendAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'After this time the item is no longer listed or counted.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field({ description: 'Whether the user archived this item.' })
  get archived(): boolean {
    return this.archivedAt != null;
  }
}
exposeTimestamps(Notification, ['createdAt', 'updatedAt']);

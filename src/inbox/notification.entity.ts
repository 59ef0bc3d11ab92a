import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Category, Channel, Priority } from '../shared/enums.js';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';
import { NotificationAction, type NotificationActionData } from './notification-action.js';

/** One notification for one user: the inbox item, and the source of its deliveries. */
@ObjectType({ description: 'A notification addressed to one user.' })
@Entity({ tableName: 'notifications' })
// Serves the inbox page query: one user's items, latest to enter first, keyset-paginated.
@Index({
  name: 'notifications_user_inbox_idx',
  expression: 'create index "notifications_user_inbox_idx" on "notifications" ("user_id", "inbox_at" desc, "id" desc)',
})
// Serves unread counts and the unread filter without touching read rows.
@Index({
  name: 'notifications_user_unread_idx',
  expression:
    'create index "notifications_user_unread_idx" on "notifications" ("user_id", "inbox_at" desc) where "read" = false',
})
// Serves the tags filter (any of the given tags: `tags && array[...]`).
@Index({
  name: 'notifications_tags_idx',
  expression: 'create index "notifications_tags_idx" on "notifications" using gin ("tags")',
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
  [OptionalProps]?:
    'read' | 'inInbox' | 'archived' | 'seen' | 'actions' | 'tags' | 'inboxAt' | 'createdAt' | 'updatedAt';

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

  @Field(() => [NotificationAction], { description: 'Up to two buttons, from the send or its template.' })
  @Property({ type: 'json', defaultRaw: `'[]'` })
  actions: NotificationActionData[] = [];

  @Field(() => [String], {
    description:
      'Normalized tags (lower case), from the send and its template; filter lists and counts with filter: { tags }.',
  })
  @Property({ type: ArrayType, columnType: 'text[]', defaultRaw: `'{}'` })
  tags: string[] = [];

  @Field(() => Date, { nullable: true, description: 'When the user last clicked one of the actions.' })
  @Property({ type: 'datetime', nullable: true })
  clickedAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Which action (its index in actions) the user last clicked.' })
  @Property({ type: 'smallint', nullable: true })
  clickedAction?: number | null;

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

  @Field(() => Date, { nullable: true, description: 'When the item was first seen (or read, which implies seen).' })
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

  /**
   * When the item entered (or enters) the inbox: `sendAt` for a scheduled item, else the
   * creation time. The inbox is ordered by it, so an item released later is listed above
   * everything that was there before, and a client catching up from the top finds it.
   */
  @Field(() => Date, {
    description:
      'When the item entered the inbox: its sendAt when scheduled, else createdAt. The inbox is ordered by it, latest first.',
  })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  inboxAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'After this time the item is no longer listed or counted.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Snoozed: hidden from lists and counts until then, then listed again and announced live.',
  })
  @Property({ type: 'datetime', nullable: true })
  snoozedUntil?: Date | null;

  @Field({ description: 'Whether the user has seen this item in their feed (reading it implies seeing it).' })
  get seen(): boolean {
    return this.seenAt != null;
  }

  @Field({ description: 'Whether the user archived this item.' })
  get archived(): boolean {
    return this.archivedAt != null;
  }
}
exposeTimestamps(Notification, ['createdAt', 'updatedAt']);

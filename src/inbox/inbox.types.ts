import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Notification } from './notification.entity.js';

@ObjectType()
export class NotificationEdge {
  @Field()
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType({ description: 'Where a page stands in the list (Relay).' })
export class PageInfo {
  @Field({ description: 'Whether items follow this page: pass endCursor as `after` to read them.' })
  hasNextPage!: boolean;

  @Field({
    description:
      'Whether items precede this page: false on the first page; with `after`, whether any item is listed before that cursor.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; null on an empty page." })
  endCursor!: string | null;
}

@ObjectType({
  description: "A page of one user's inbox, latest to enter first (Relay connection; see Notification.inboxAt).",
})
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => [Notification], { description: "The edges' nodes, for clients that do not need cursors." })
  nodes!: Notification[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: "A user's unread count after a change." })
export class UnreadCountChange {
  @Field(() => ID, { description: 'The user id: a cached count is updated in place by each change.' })
  id!: string;

  @Field()
  userId!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'How many of the unread items the user has not seen yet (reading implies seeing).' })
  unseen!: number;
}

/** The changed items markInboxRead returns at most (the latest; the rest changed too). */
export const MARK_INBOX_READ_ITEMS = 100;

@ObjectType({ description: 'What markInboxRead changed.' })
export class MarkInboxReadPayload {
  @Field(() => Int, { description: 'How many items it marked read.' })
  count!: number;

  @Field(() => [Notification], {
    description: `The changed items as they now are, latest first: at most ${MARK_INBOX_READ_ITEMS} (older ones changed too; refetch pages past the first few).`,
  })
  notifications!: Notification[];

  @Field(() => UnreadCountChange, { description: "The user's unread count afterwards." })
  unreadCount!: UnreadCountChange;
}

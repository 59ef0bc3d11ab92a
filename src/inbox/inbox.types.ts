import { Field, Int, ObjectType } from 'type-graphql';
import { Notification } from './notification.entity.js';

@ObjectType()
export class NotificationEdge {
  @Field()
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: "A page of one user's inbox, newest first (Relay connection)." })
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
  @Field()
  userId!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'How many of the unread items the user has not seen yet (reading implies seeing).' })
  unseen!: number;
}

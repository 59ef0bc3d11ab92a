import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { assertVisibleTo, assertService, targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import { parseId } from '../shared/ids.js';
import { decodeCursor } from './cursor.js';
import { NotificationFilter, NotificationsArgs } from './inbox.inputs.js';
import type { InboxService } from './inbox.service.js';
import { InboxTopic, type UnreadCount } from './inbox-events.js';
import {
  MARK_INBOX_READ_ITEMS,
  MarkInboxReadPayload,
  NotificationConnection,
  UnreadCountChange,
} from './inbox.types.js';
import { Notification } from './notification.entity.js';

interface SubscribeData {
  args: { userId?: string | null };
  context: GraphQLContext;
}

@Resolver(() => Notification)
export class InboxResolver {
  constructor(
    private readonly inbox: InboxService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => NotificationConnection, {
    description:
      "A user's inbox, latest to enter first (scheduled items by their sendAt). Expired items are never listed.",
  })
  async notifications(
    @Args() args: NotificationsArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<NotificationConnection> {
    const userId = targetUserId(context.principal, args.userId);
    this.inbox.assertPageSize(args.first);
    const after = args.after ? decodeCursor(args.after) : undefined;
    const page = await this.inbox.list(this.forks.of(context), userId, args.filter ?? {}, args.first, after);
    const edges = page.items.map((node) => ({ node, cursor: page.cursorOf(node) }));
    return {
      edges,
      nodes: page.items,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Query(() => Notification)
  async notification(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Notification> {
    return this.loadFor(context, id);
  }

  @Query(() => Int, {
    description: 'How many items the inbox lists (not archived, not expired); unreadOnly counts the unread ones.',
  })
  async notificationCount(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly?: boolean,
    @Arg('unseenOnly', () => Boolean, {
      defaultValue: false,
      description: 'Counts the unseen ones (the badge of a feed that clears when opened).',
    })
    unseenOnly?: boolean,
    @Arg('filter', () => NotificationFilter, {
      nullable: true,
      description: 'As for notifications; unreadOnly and unseenOnly narrow it further.',
    })
    filter?: NotificationFilter | null,
  ): Promise<number> {
    return this.inbox.count(this.forks.of(context), targetUserId(context.principal, userId), {
      ...filter,
      ...(unreadOnly ? { unread: true } : {}),
      ...(unseenOnly ? { unseen: true } : {}),
    });
  }

  @Mutation(() => Notification)
  async markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Notification> {
    return this.inbox.markRead(this.forks.of(context), await this.loadFor(context, id), true);
  }

  @Mutation(() => Notification)
  async markNotificationUnread(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Notification> {
    return this.inbox.markRead(this.forks.of(context), await this.loadFor(context, id), false);
  }

  @Mutation(() => Int, { description: 'Marks every unread item read; returns how many changed.' })
  async markAllNotificationsRead(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<number> {
    return (await this.inbox.markAllRead(this.forks.of(context), targetUserId(context.principal, userId))).changed;
  }

  @Mutation(() => MarkInboxReadPayload, {
    description: `Marks every unread item read, like markAllNotificationsRead, and returns what changed: the count, the latest ${MARK_INBOX_READ_ITEMS} changed items and the new unread count, so a client cache updates without a refetch.`,
  })
  async markInboxRead(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<MarkInboxReadPayload> {
    const target = targetUserId(context.principal, userId);
    const em = this.forks.of(context);
    const { changed, items } = await this.inbox.markAllRead(em, target, MARK_INBOX_READ_ITEMS);
    const unread = (await this.inbox.unreadCounts([target])).get(target) ?? { count: 0, unseen: 0 };
    return { count: changed, notifications: items, unreadCount: { id: target, userId: target, ...unread } };
  }

  @Mutation(() => Notification)
  async archiveNotification(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Notification> {
    return this.inbox.archive(this.forks.of(context), await this.loadFor(context, id));
  }

  @Mutation(() => ID, { description: 'Deletes the item and its deliveries; returns its id.' })
  async deleteNotification(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<string> {
    const notification = await this.loadFor(context, id);
    await this.inbox.delete(this.forks.of(context), notification);
    return notification.id;
  }

  @Mutation(() => Int, { description: 'Deletes every expired item; returns how many. API key only.' })
  async cleanupExpiredNotifications(@Ctx() context: GraphQLContext): Promise<number> {
    assertService(context.principal, 'cleanupExpiredNotifications');
    return this.inbox.deleteExpired(this.forks.of(context));
  }

  @Subscription(() => Notification, {
    description: "New items in a user's inbox, as they are committed.",
    topics: InboxTopic.notificationAdded,
    topicId: ({ args, context }: SubscribeData) => targetUserId(context.principal, args.userId),
  })
  notificationAdded(
    @Root() notification: Notification,
    @Arg('userId', () => String, { nullable: true }) _userId?: string,
  ): Notification {
    return notification;
  }

  @Subscription(() => UnreadCountChange, {
    description: "A user's unread count, each time it changes.",
    topics: InboxTopic.unreadCountChanged,
    topicId: ({ args, context }: SubscribeData) => targetUserId(context.principal, args.userId),
  })
  unreadCountChanged(
    @Root() change: UnreadCount,
    @Arg('userId', () => String, { nullable: true }) _userId?: string,
  ): UnreadCountChange {
    return { id: change.userId, ...change };
  }

  /** The item, loaded through the operation's fork, if the caller may see it. */
  private async loadFor(context: GraphQLContext, id: string): Promise<Notification> {
    const notification = await this.inbox.get(this.forks.of(context), parseId(id));
    assertVisibleTo(context.principal, notification.userId, 'Notification', notification.id);
    return notification;
  }
}

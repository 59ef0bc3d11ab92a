import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { assertVisibleTo, assertService, targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../shared/ids.js';
import { decodeCursor } from './cursor.js';
import { NotificationsArgs } from './inbox.inputs.js';
import type { InboxService } from './inbox.service.js';
import { InboxTopic, type UnreadCount } from './inbox-events.js';
import { NotificationConnection, UnreadCountChange } from './inbox.types.js';
import { Notification } from './notification.entity.js';

interface SubscribeData {
  args: { userId?: string | null };
  context: GraphQLContext;
}

@Resolver(() => Notification)
export class InboxResolver {
  constructor(private readonly inbox: InboxService) {}

  @Query(() => NotificationConnection, { description: 'A user\'s inbox, newest first. Expired items are never listed.' })
  async notifications(@Args() args: NotificationsArgs, @Ctx() { principal }: GraphQLContext): Promise<NotificationConnection> {
    const userId = targetUserId(principal, args.userId);
    const after = args.after ? decodeCursor(args.after) : undefined;
    const page = await this.inbox.list(userId, args.filter ?? {}, args.first, after);
    const edges = page.items.map((node) => ({ node, cursor: page.cursorOf(node) }));
    return {
      edges,
      nodes: page.items,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => Notification)
  async notification(@Arg('id', () => ID) id: string, @Ctx() { principal }: GraphQLContext): Promise<Notification> {
    return this.loadFor(principal, id);
  }

  @Query(() => Int, { description: 'How many items the inbox lists (not archived, not expired); unreadOnly counts the unread ones.' })
  async notificationCount(
    @Ctx() { principal }: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly?: boolean,
  ): Promise<number> {
    return this.inbox.count(targetUserId(principal, userId), { unread: unreadOnly ? true : null });
  }

  @Mutation(() => Notification)
  async markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() { principal }: GraphQLContext): Promise<Notification> {
    return this.inbox.markRead(await this.loadFor(principal, id), true);
  }

  @Mutation(() => Notification)
  async markNotificationUnread(@Arg('id', () => ID) id: string, @Ctx() { principal }: GraphQLContext): Promise<Notification> {
    return this.inbox.markRead(await this.loadFor(principal, id), false);
  }

  @Mutation(() => Int, { description: 'Marks every unread item read; returns how many changed.' })
  async markAllNotificationsRead(
    @Ctx() { principal }: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<number> {
    return this.inbox.markAllRead(targetUserId(principal, userId));
  }

  @Mutation(() => Notification)
  async archiveNotification(@Arg('id', () => ID) id: string, @Ctx() { principal }: GraphQLContext): Promise<Notification> {
    return this.inbox.archive(await this.loadFor(principal, id));
  }

  @Mutation(() => ID, { description: 'Deletes the item and its deliveries; returns its id.' })
  async deleteNotification(@Arg('id', () => ID) id: string, @Ctx() { principal }: GraphQLContext): Promise<string> {
    const notification = await this.loadFor(principal, id);
    await this.inbox.delete(notification);
    return notification.id;
  }

  @Mutation(() => Int, { description: 'Deletes every expired item; returns how many. API key only.' })
  async cleanupExpiredNotifications(@Ctx() { principal }: GraphQLContext): Promise<number> {
    assertService(principal, 'cleanupExpiredNotifications');
    return this.inbox.deleteExpired();
  }

  @Subscription(() => Notification, {
    description: 'New items in a user\'s inbox, as they are committed.',
    topics: InboxTopic.notificationAdded,
    topicId: ({ args, context }: SubscribeData) => targetUserId(context.principal, args.userId),
  })
  notificationAdded(@Root() notification: Notification, @Arg('userId', () => String, { nullable: true }) _userId?: string): Notification {
    return notification;
  }

  @Subscription(() => UnreadCountChange, {
    description: 'A user\'s unread count, each time it changes.',
    topics: InboxTopic.unreadCountChanged,
    topicId: ({ args, context }: SubscribeData) => targetUserId(context.principal, args.userId),
  })
  unreadCountChanged(@Root() change: UnreadCount, @Arg('userId', () => String, { nullable: true }) _userId?: string): UnreadCountChange {
    return change;
  }

  private async loadFor(principal: GraphQLContext['principal'], id: string): Promise<Notification> {
    const notification = await this.inbox.get(parseId(id));
    assertVisibleTo(principal, notification.userId, 'Notification', notification.id);
    return notification;
  }
}

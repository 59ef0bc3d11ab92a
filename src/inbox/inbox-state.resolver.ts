import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Arg, ArgsType, Args, Ctx, Field, ID, Int, Mutation, Resolver } from 'type-graphql';
import { assertVisibleTo, targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import { parseId } from '../shared/ids.js';
import type { InboxService } from './inbox.service.js';
import type { InboxStateService } from './inbox-state.service.js';
import type { SnoozeService } from './snooze.service.js';
import { Notification } from './notification.entity.js';

@ArgsType()
class MarkSeenArgs {
  @Field(() => [ID], { description: '1 to 100 ids of items the user saw in their feed.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  ids!: string[];
}

/** Seen, unarchive, snooze, action clicks: the inbox state changes beyond read and archive. */
@Resolver(() => Notification)
export class InboxStateResolver {
  constructor(
    private readonly inbox: InboxService,
    private readonly state: InboxStateService,
    private readonly snoozes: SnoozeService,
    private readonly forks: RequestForks,
  ) {}

  @Mutation(() => [Notification], {
    description: 'Marks the items seen (shown in the feed, not necessarily opened); returns them.',
  })
  async markNotificationsSeen(@Args() { ids }: MarkSeenArgs, @Ctx() context: GraphQLContext): Promise<Notification[]> {
    const em = this.forks.of(context);
    const parsed = [...new Set(ids.map((id) => parseId(id, 'ids')))];
    const notifications = await this.state.getMany(em, parsed);
    for (const notification of notifications)
      assertVisibleTo(context.principal, notification.userId, 'Notification', notification.id);
    return this.state.markSeen(em, notifications);
  }

  @Mutation(() => Int, { description: 'Marks every unseen item seen; returns how many changed.' })
  async markAllNotificationsSeen(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<number> {
    return this.state.markAllSeen(this.forks.of(context), targetUserId(context.principal, userId));
  }

  @Mutation(() => Notification, { description: 'Brings an archived item back into the inbox.' })
  async unarchiveNotification(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Notification> {
    return this.state.unarchive(this.forks.of(context), await this.loadFor(context, id));
  }

  @Mutation(() => Notification, {
    description:
      'Hides the item from lists and counts until `until` (in the future, at most a year ahead); then it is listed again and announced live (notificationAdded, unreadCountChanged).',
  })
  async snoozeNotification(
    @Arg('id', () => ID) id: string,
    @Arg('until', () => Date) until: Date,
    @Ctx() context: GraphQLContext,
  ): Promise<Notification> {
    return this.snoozes.snooze(this.forks.of(context), await this.loadFor(context, id), until);
  }

  @Mutation(() => Notification, { description: 'Ends a snooze now: the item is listed again and announced live.' })
  async unsnoozeNotification(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Notification> {
    return this.snoozes.unsnooze(this.forks.of(context), await this.loadFor(context, id));
  }

  @Mutation(() => Notification, {
    description:
      "Records a click on the item's action button `index` (0 or 1): clickedAt and clickedAction; marks the item read. The app then opens the action's url.",
  })
  async clickNotificationAction(
    @Arg('id', () => ID) id: string,
    @Arg('index', () => Int) index: number,
    @Ctx() context: GraphQLContext,
  ): Promise<Notification> {
    return this.state.click(this.forks.of(context), await this.loadFor(context, id), index);
  }

  /** The item, loaded through the operation's fork, if the caller may see it. */
  private async loadFor(context: GraphQLContext, id: string): Promise<Notification> {
    const notification = await this.inbox.get(this.forks.of(context), parseId(id));
    assertVisibleTo(context.principal, notification.userId, 'Notification', notification.id);
    return notification;
  }
}

import { Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertVisibleTo, assertService, targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';
import type { RequestForks } from '../graphql/request-forks.js';
import type { InboxService } from '../inbox/inbox.service.js';
import { Notification } from '../inbox/notification.entity.js';
import { Channel, DeliveryStatus } from '../shared/enums.js';
import { parseId } from '../shared/ids.js';
import { Delivery } from './delivery.entity.js';
import type { DeliveryService } from './delivery.service.js';

@ArgsType()
class DeliveriesArgs {
  @Field(() => ID, { nullable: true })
  notificationId?: string | null;

  @Field(() => String, { nullable: true, description: 'A user token sees only its own deliveries.' })
  userId?: string | null;

  @Field(() => DeliveryStatus, { nullable: true })
  status?: DeliveryStatus | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;

  @Field(() => Int, { defaultValue: 50, description: '1 to 500, newest first.' })
  @Min(1)
  @Max(500)
  first!: number;
}

@Resolver(() => Notification)
export class DeliveryResolver {
  constructor(
    private readonly deliveryService: DeliveryService,
    private readonly inbox: InboxService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => [Delivery], { description: 'Delivery records, newest first: by notification, user, status or channel.' })
  async deliveries(@Args() args: DeliveriesArgs, @Ctx() context: GraphQLContext): Promise<Delivery[]> {
    const { principal } = context;
    const notificationId = args.notificationId ? parseId(args.notificationId, 'notificationId') : null;
    if (notificationId)
      assertVisibleTo(
        principal,
        (await this.inbox.get(this.forks.of(context), notificationId)).userId,
        'Notification',
        notificationId,
      );
    const userId = principal.kind === 'user' || args.userId ? targetUserId(principal, args.userId) : null;
    return this.deliveryService.list(this.forks.of(context), { ...args, notificationId, userId }, args.first);
  }

  @Mutation(() => Delivery, { description: 'Queues a FAILED delivery again. API key only.' })
  async retryDelivery(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Delivery> {
    assertService(context.principal, 'retryDelivery');
    return this.deliveryService.retry(this.forks.of(context), parseId(id));
  }

  @FieldResolver(() => [Delivery], { name: 'deliveries', description: 'One delivery per requested channel.' })
  async notificationDeliveries(
    @Root() notification: Notification,
    @Ctx('loaders') loaders: RequestLoaders,
  ): Promise<Delivery[]> {
    // Batched: one query for every item of the page (or pages) this operation lists. Only the
    // loaders, never the principal: below a subscription one execution serves every subscriber.
    return loaders.deliveriesByNotification.load(notification.id);
  }
}

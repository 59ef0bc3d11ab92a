import { MaxLength, Max, Min, MinLength } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { assertService } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import { PageInfo } from '../inbox/inbox.types.js';
import { Channel } from '../shared/enums.js';
import { Suppression } from './suppression.entity.js';
import type { SuppressionService } from './suppression.service.js';

@InputType({ description: 'An address to stop sending to.' })
class AddSuppressionInput {
  @Field(() => Channel, { description: 'EMAIL or SMS.' })
  channel!: Channel;

  @Field({ description: 'An email address, or a phone number in E.164.' })
  @MinLength(3)
  @MaxLength(320)
  address!: string;

  @Field({ defaultValue: 'manual', description: 'Why, for the record (default manual).' })
  @MinLength(1)
  @MaxLength(200)
  reason!: string;
}

@ArgsType()
class SuppressionsArgs {
  @Field(() => Channel, { nullable: true, description: 'Only this channel; all when omitted.' })
  channel?: Channel | null;

  @Field(() => Int, { defaultValue: 50, description: '1 to 500, newest first.' })
  @Min(1)
  @Max(500)
  first!: number;

  @Field(() => String, { nullable: true, description: 'An endCursor from an earlier page.' })
  @MaxLength(1000)
  after?: string | null;
}

@ObjectType()
class SuppressionEdge {
  @Field()
  cursor!: string;

  @Field(() => Suppression)
  node!: Suppression;
}

@ObjectType({ description: 'A page of suppressed addresses, newest first (Relay connection).' })
class SuppressionConnection {
  @Field(() => [SuppressionEdge])
  edges!: SuppressionEdge[];

  @Field(() => [Suppression])
  nodes!: Suppression[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

/** Suppressed addresses: API key only (they are every user's contact data). */
@Resolver()
export class SuppressionResolver {
  constructor(
    private readonly service: SuppressionService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => SuppressionConnection, { description: 'Addresses no delivery goes to. API key only.' })
  async suppressions(@Args() args: SuppressionsArgs, @Ctx() context: GraphQLContext): Promise<SuppressionConnection> {
    assertService(context.principal, 'suppressions');
    const page = await this.service.list(this.forks.of(context), args.channel ?? null, args.first, args.after);
    const edges = page.items.map((node) => ({ cursor: this.service.cursorOf(node), node }));
    return {
      edges,
      nodes: page.items,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Mutation(() => Suppression, {
    description: 'Stops every delivery to an address (kept if already there). API key only.',
  })
  async addSuppression(
    @Arg('input', () => AddSuppressionInput) input: AddSuppressionInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Suppression> {
    assertService(context.principal, 'addSuppression');
    return this.service.add(this.forks.of(context), input.channel, input.address, input.reason);
  }

  @Mutation(() => Suppression, { description: 'Sends to the address again; returns what was removed. API key only.' })
  async removeSuppression(
    @Arg('channel', () => Channel) channel: Channel,
    @Arg('address', () => String) address: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Suppression> {
    assertService(context.principal, 'removeSuppression');
    return this.service.remove(this.forks.of(context), channel, address);
  }
}

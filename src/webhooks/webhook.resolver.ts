import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { assertService } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import { PageInfo } from '../inbox/inbox.types.js';
import type { NamedQueue } from '../delivery/delivery-queue.js';
import { NotFoundError, BadUserInputError } from '../shared/errors.js';
import { parseId } from '../shared/ids.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { WebhookEventType } from './webhook-event-type.js';
import type { WebhookJob } from './webhook-sender.js';

@InputType()
class CreateWebhookEndpointInput {
  @Field({ description: 'Where events are posted: https (http only where private targets are allowed).' })
  @MaxLength(2000)
  url!: string;

  @Field(() => [WebhookEventType])
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  events!: WebhookEventType[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType()
class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  events?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true re-enables an endpoint disabled after failures.' })
  enabled?: boolean | null;
}

@ObjectType({
  description: 'An endpoint with its signing secret: shown this once (at creation or rotation), never again.',
})
class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field({ description: 'whsec_…: give it to the standardwebhooks library to verify what Belfry posts.' })
  secret!: string;
}

@ArgsType()
class WebhookAttemptsArgs {
  @Field(() => ID)
  @IsUUID()
  endpointId!: string;

  @Field(() => Int, { defaultValue: 50, description: '1 to 200, newest first.' })
  @Min(1)
  @Max(200)
  first!: number;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  after?: string | null;
}

@ObjectType()
class WebhookAttemptEdge {
  @Field()
  cursor!: string;

  @Field(() => WebhookAttempt)
  node!: WebhookAttempt;
}

@ObjectType({ description: "An endpoint's attempts, newest first (Relay connection)." })
class WebhookAttemptConnection {
  @Field(() => [WebhookAttemptEdge])
  edges!: WebhookAttemptEdge[];

  @Field(() => [WebhookAttempt])
  nodes!: WebhookAttempt[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

const cursorOf = (attempt: WebhookAttempt) =>
  Buffer.from(`${attempt.at.toISOString()}|${attempt.id}`, 'utf8').toString('base64url');

function positionOf(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime())) throw new BadUserInputError('after is not a valid cursor', ['after']);
  return { at, id: parseId(id, 'after') };
}

/** Outbound webhooks: API key only (endpoints receive every user's events). */
@Resolver()
export class WebhookResolver {
  constructor(
    private readonly endpoints: WebhookEndpointService,
    private readonly queue: NamedQueue<WebhookJob>,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => [WebhookEndpoint], { description: 'Every webhook endpoint, oldest first. API key only.' })
  async webhookEndpoints(@Ctx() context: GraphQLContext): Promise<WebhookEndpoint[]> {
    assertService(context.principal, 'webhookEndpoints');
    return this.endpoints.list(this.forks.of(context));
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'Adds an endpoint; its secret is in the answer, once. API key only.',
  })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpointWithSecret> {
    assertService(context.principal, 'createWebhookEndpoint');
    return this.endpoints.create(this.forks.of(context), input);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Changes an endpoint (enabled: true re-enables it). API key only.' })
  async updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpoint> {
    assertService(context.principal, 'updateWebhookEndpoint');
    return this.endpoints.update(this.forks.of(context), parseId(id), input);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new signing secret, in the answer once; the old one signs nothing from now on. API key only.',
  })
  async rotateWebhookSecret(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpointWithSecret> {
    assertService(context.principal, 'rotateWebhookSecret');
    return this.endpoints.rotate(this.forks.of(context), parseId(id));
  }

  @Mutation(() => WebhookEndpoint, {
    description: 'Removes an endpoint and its attempt log; returns what was removed. API key only.',
  })
  async deleteWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpoint> {
    assertService(context.principal, 'deleteWebhookEndpoint');
    return this.endpoints.delete(this.forks.of(context), parseId(id));
  }

  @Query(() => WebhookAttemptConnection, {
    description: "An endpoint's delivery attempts, newest first. API key only.",
  })
  async webhookAttempts(
    @Args() args: WebhookAttemptsArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookAttemptConnection> {
    assertService(context.principal, 'webhookAttempts');
    const em = this.forks.of(context);
    await this.endpoints.get(em, args.endpointId);
    const where: Record<string, unknown> = { endpoint: args.endpointId };
    if (args.after) {
      const position = positionOf(args.after);
      where.$or = [{ at: { $lt: position.at } }, { at: position.at, id: { $lt: position.id } }];
    }
    const rows = await em.find(WebhookAttempt, where, {
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      limit: args.first + 1,
    });
    const nodes = rows.slice(0, args.first);
    const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage: rows.length > args.first,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Mutation(() => Boolean, {
    description:
      "Queues an attempt's event again (same webhook-id and payload), whatever that attempt's outcome. API key only.",
  })
  async redeliverWebhook(
    @Arg('attemptId', () => ID) attemptId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    assertService(context.principal, 'redeliverWebhook');
    const attempt = await this.forks.of(context).findOne(WebhookAttempt, parseId(attemptId, 'attemptId'));
    if (!attempt) throw new NotFoundError('WebhookAttempt', attemptId);
    const payload = attempt.payload as { timestamp?: string; data?: Record<string, unknown> };
    await this.queue.send([
      {
        endpointId: attempt.endpoint.id,
        messageId: attempt.messageId,
        type: attempt.type,
        timestamp: payload.timestamp ?? attempt.at.toISOString(),
        data: payload.data ?? {},
      },
    ]);
    return true;
  }
}

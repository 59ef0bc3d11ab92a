import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { assertVisibleTo, targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import { parseId } from '../shared/ids.js';
import { PushTarget } from './push-target.entity.js';
import { RegisterPushTargetInput, UpsertRecipientInput } from './recipient.inputs.js';
import { Recipient } from './recipient.entity.js';
import type { RecipientService } from './recipient.service.js';

@Resolver()
export class RecipientResolver {
  constructor(
    private readonly recipients: RecipientService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => Recipient, { nullable: true, description: "A user's contact data, or null if none was ever stored." })
  async recipient(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<Recipient | null> {
    return this.recipients.find(this.forks.of(context), targetUserId(context.principal, userId));
  }

  @Mutation(() => Recipient)
  async upsertRecipient(
    @Arg('input', () => UpsertRecipientInput) input: UpsertRecipientInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Recipient> {
    const { userId, ...changes } = input;
    return this.recipients.upsert(
      this.forks.of(context),
      targetUserId(context.principal, userId, 'input.userId'),
      changes,
    );
  }

  @Query(() => [PushTarget], { description: "A user's push targets, disabled ones included." })
  async pushTargets(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<PushTarget[]> {
    return this.recipients.pushTargets(this.forks.of(context), targetUserId(context.principal, userId));
  }

  @Mutation(() => PushTarget)
  async registerPushTarget(
    @Arg('input', () => RegisterPushTargetInput) input: RegisterPushTargetInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PushTarget> {
    return this.recipients.registerPushTarget(
      this.forks.of(context),
      targetUserId(context.principal, input.userId, 'input.userId'),
      input.kind,
      input.token,
      input.keys,
    );
  }

  @Mutation(() => ID, { description: 'Removes a push target; returns its id.' })
  async removePushTarget(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<string> {
    const em = this.forks.of(context);
    const target = await this.recipients.getPushTarget(em, parseId(id));
    assertVisibleTo(context.principal, target.userId, 'Push target', target.id);
    await this.recipients.removePushTarget(em, target.id);
    return target.id;
  }
}

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { assertVisibleTo, targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../shared/ids.js';
import { PushTarget } from './push-target.entity.js';
import { RegisterPushTargetInput, UpsertRecipientInput } from './recipient.inputs.js';
import { Recipient } from './recipient.entity.js';
import type { RecipientService } from './recipient.service.js';

@Resolver()
export class RecipientResolver {
  constructor(private readonly recipients: RecipientService) {}

  @Query(() => Recipient, { nullable: true, description: "A user's contact data, or null if none was ever stored." })
  async recipient(@Ctx() { principal }: GraphQLContext, @Arg('userId', () => String, { nullable: true }) userId?: string | null): Promise<Recipient | null> {
    return this.recipients.find(targetUserId(principal, userId));
  }

  @Mutation(() => Recipient)
  async upsertRecipient(@Arg('input', () => UpsertRecipientInput) input: UpsertRecipientInput, @Ctx() { principal }: GraphQLContext): Promise<Recipient> {
    const { userId, ...changes } = input;
    return this.recipients.upsert(targetUserId(principal, userId, 'input.userId'), changes);
  }

  @Query(() => [PushTarget], { description: "A user's push targets, disabled ones included." })
  async pushTargets(@Ctx() { principal }: GraphQLContext, @Arg('userId', () => String, { nullable: true }) userId?: string | null): Promise<PushTarget[]> {
    return this.recipients.pushTargets(targetUserId(principal, userId));
  }

  @Mutation(() => PushTarget)
  async registerPushTarget(@Arg('input', () => RegisterPushTargetInput) input: RegisterPushTargetInput, @Ctx() { principal }: GraphQLContext): Promise<PushTarget> {
    return this.recipients.registerPushTarget(targetUserId(principal, input.userId, 'input.userId'), input.kind, input.token, input.keys);
  }

  @Mutation(() => ID, { description: 'Removes a push target; returns its id.' })
  async removePushTarget(@Arg('id', () => ID) id: string, @Ctx() { principal }: GraphQLContext): Promise<string> {
    const target = await this.recipients.getPushTarget(parseId(id));
    assertVisibleTo(principal, target.userId, 'Push target', target.id);
    await this.recipients.removePushTarget(target.id);
    return target.id;
  }
}

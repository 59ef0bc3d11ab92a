import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { PreferenceService } from './preference.service.js';
import { Preference, PreferencesInput } from './preference.types.js';

@Resolver(() => Preference)
export class PreferenceResolver {
  constructor(private readonly preferenceService: PreferenceService) {}

  @Query(() => Preference, { description: "A user's preferences (the defaults until they change any)." })
  async preferences(@Ctx() { principal }: GraphQLContext, @Arg('userId', () => String, { nullable: true }) userId?: string | null): Promise<Preference> {
    return this.preferenceService.get(targetUserId(principal, userId));
  }

  @Mutation(() => Preference, { description: 'Changes the given flags; the others keep their value.' })
  async updatePreferences(
    @Arg('input', () => PreferencesInput) input: PreferencesInput,
    @Ctx() { principal }: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<Preference> {
    return this.preferenceService.update(targetUserId(principal, userId), input);
  }
}

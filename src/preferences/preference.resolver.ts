import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import type { PreferenceService } from './preference.service.js';
import { Preference, PreferencesInput } from './preference.types.js';

@Resolver(() => Preference)
export class PreferenceResolver {
  constructor(
    private readonly preferenceService: PreferenceService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => Preference, { description: "A user's preferences (the defaults until they change any)." })
  async preferences(
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<Preference> {
    return this.preferenceService.get(this.forks.of(context), targetUserId(context.principal, userId));
  }

  @Mutation(() => Preference, { description: 'Changes the given flags; the others keep their value.' })
  async updatePreferences(
    @Arg('input', () => PreferencesInput) input: PreferencesInput,
    @Ctx() context: GraphQLContext,
    @Arg('userId', () => String, { nullable: true }) userId?: string | null,
  ): Promise<Preference> {
    return this.preferenceService.update(this.forks.of(context), targetUserId(context.principal, userId), input);
  }
}

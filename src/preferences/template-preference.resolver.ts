import { MaxLength, MinLength } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { targetUserId } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import { IsUserId } from '../graphql/input-validators.js';
import type { RequestForks } from '../graphql/request-forks.js';
import { Channel } from '../shared/enums.js';
import type { PreferenceService } from './preference.service.js';
import { Preference } from './preference.types.js';
import { TemplatePreference } from './template-preference.entity.js';
import type { TemplatePreferenceService } from './template-preference.service.js';

@ArgsType()
class SetTemplatePreferenceArgs {
  @Field(() => String, { nullable: true, description: 'Required with an API key; a user token changes its own.' })
  @IsUserId()
  userId?: string | null;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  templateKey!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field({ description: 'false: sends of this template skip this channel (critical templates still go out).' })
  enabled!: boolean;
}

/** Per-template preferences: Preferences.templates and setTemplatePreference. */
@Resolver(() => Preference)
export class TemplatePreferenceResolver {
  constructor(
    private readonly preferences: PreferenceService,
    private readonly templatePreferences: TemplatePreferenceService,
    private readonly forks: RequestForks,
  ) {}

  @FieldResolver(() => [TemplatePreference], {
    description: 'Per-template choices on top of the channel × category flags (only those the user made).',
  })
  async templates(@Root() preference: Preference, @Ctx() context: GraphQLContext): Promise<TemplatePreference[]> {
    return this.templatePreferences.list(this.forks.of(context), preference.userId);
  }

  @Mutation(() => Preference, {
    description:
      "Turns one template off (or back on) on one channel for a user, on top of the channel × category flags; returns the user's preferences.",
  })
  async setTemplatePreference(
    @Args() args: SetTemplatePreferenceArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<Preference> {
    const userId = targetUserId(context.principal, args.userId);
    const em = this.forks.of(context);
    await this.templatePreferences.set(em, userId, args.templateKey, args.channel, args.enabled);
    return this.preferences.get(em, userId);
  }
}

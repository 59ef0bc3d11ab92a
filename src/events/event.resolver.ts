import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { assertService } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import type { EventService } from './event.service.js';
import { DefineEventInput, EventDefinition } from './event.types.js';

@Resolver(() => EventDefinition)
export class EventResolver {
  constructor(
    private readonly eventService: EventService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => [EventDefinition], {
    description: 'Every event triggerEvent accepts: built-in and operator-defined. API key only.',
  })
  async events(@Ctx() context: GraphQLContext): Promise<EventDefinition[]> {
    assertService(context.principal, 'events');
    return this.eventService.list(this.forks.of(context));
  }

  @Mutation(() => EventDefinition, {
    description: 'Maps an event name to a template (and optionally channels). API key only.',
  })
  async defineEvent(
    @Arg('input', () => DefineEventInput) input: DefineEventInput,
    @Ctx() context: GraphQLContext,
  ): Promise<EventDefinition> {
    assertService(context.principal, 'defineEvent');
    return this.eventService.define(this.forks.of(context), input.event, input.templateKey, input.channels);
  }

  @Mutation(() => String, {
    description:
      'Removes an operator-defined event (a built-in one it overrode comes back); returns its name. API key only.',
  })
  async removeEvent(@Arg('event') event: string, @Ctx() context: GraphQLContext): Promise<string> {
    assertService(context.principal, 'removeEvent');
    await this.eventService.remove(this.forks.of(context), event);
    return event;
  }
}

import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { assertService } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { EventService } from './event.service.js';
import { DefineEventInput, EventDefinition } from './event.types.js';

@Resolver(() => EventDefinition)
export class EventResolver {
  constructor(private readonly eventService: EventService) {}

  @Query(() => [EventDefinition], {
    description: 'Every event triggerEvent accepts: built-in and operator-defined. API key only.',
  })
  async events(@Ctx() { principal }: GraphQLContext): Promise<EventDefinition[]> {
    assertService(principal, 'events');
    return this.eventService.list();
  }

  @Mutation(() => EventDefinition, {
    description: 'Maps an event name to a template (and optionally channels). API key only.',
  })
  async defineEvent(
    @Arg('input', () => DefineEventInput) input: DefineEventInput,
    @Ctx() { principal }: GraphQLContext,
  ): Promise<EventDefinition> {
    assertService(principal, 'defineEvent');
    return this.eventService.define(input.event, input.templateKey, input.channels);
  }

  @Mutation(() => String, {
    description:
      'Removes an operator-defined event (a built-in one it overrode comes back); returns its name. API key only.',
  })
  async removeEvent(@Arg('event') event: string, @Ctx() { principal }: GraphQLContext): Promise<string> {
    assertService(principal, 'removeEvent');
    await this.eventService.remove(event);
    return event;
  }
}

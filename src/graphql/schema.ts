import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { DeliveryResolver } from '../delivery/delivery.resolver.js';
import { EventResolver } from '../events/event.resolver.js';
import { InboxEvents } from '../inbox/inbox-events.js';
import { InboxResolver } from '../inbox/inbox.resolver.js';
import { PreferenceResolver } from '../preferences/preference.resolver.js';
import { RecipientResolver } from '../recipients/recipient.resolver.js';
import { SendResolver } from '../sending/send.resolver.js';
import { TemplateResolver } from '../templates/template.resolver.js';

/** Every resolver class; the container hands type-graphql the instances built in app.ts. */
export const resolverClasses = [InboxResolver, SendResolver, TemplateResolver, EventResolver, PreferenceResolver, RecipientResolver, DeliveryResolver] as const;

export type ResolverInstances = ReadonlyMap<Function, object>;

/** Builds the executable schema. Without instances it can only be printed, not executed. */
export function buildBelfrySchema(instances: ResolverInstances = new Map(), events: InboxEvents = new InboxEvents()): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get(resolverClass: Function) {
      const instance = instances.get(resolverClass);
      if (!instance) throw new Error(`No instance wired for resolver ${resolverClass.name}`);
      return instance;
    },
  };
  return buildSchema({
    resolvers: resolverClasses,
    container,
    pubSub: events.pubSub,
    validate: { forbidUnknownValues: false },
  });
}

/** The SDL committed as schema.graphql: sorted, so it changes only when the API does. */
export function renderSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, type ContainerType } from 'type-graphql';
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
    validateFn: validateInput,
  });
}

/** The SDL committed as schema.graphql: sorted, so it changes only when the API does. */
export function renderSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** type-graphql's own defaults for class-validator: missing optional fields are not checked. */
const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/**
 * Validates an input object with class-validator, as type-graphql does by default, and
 * reports failures the same way (ArgumentValidationError, turned into BAD_USER_INPUT with
 * the field names). Given as `validateFn` because type-graphql's default loads
 * class-validator with a dynamic import() on every argument of every request.
 */
async function validateInput(value: unknown): Promise<void> {
  const items = Array.isArray(value) ? value : [value];
  try {
    await Promise.all(items.filter((item): item is object => item !== null && typeof item === 'object').map((item) => validateOrReject(item, VALIDATOR_OPTIONS)));
  } catch (error) {
    throw new ArgumentValidationError(error as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

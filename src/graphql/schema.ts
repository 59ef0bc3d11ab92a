import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, type ContainerType, type ResolverData } from 'type-graphql';
import { DeliveryResolver } from '../delivery/delivery.resolver.js';
import { DeliveryEventsResolver } from '../receipts/delivery-events.resolver.js';
import { SuppressionResolver } from '../suppression/suppression.resolver.js';
import { StatsResolver } from '../analytics/stats.resolver.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';
import { EventResolver } from '../events/event.resolver.js';
import { InboxEvents } from '../inbox/inbox-events.js';
import { BadUserInputError } from '../shared/errors.js';
import { findUnsafeText } from '../shared/input-hygiene.js';
import { InboxResolver } from '../inbox/inbox.resolver.js';
import { InboxStateResolver } from '../inbox/inbox-state.resolver.js';
import { PreferenceResolver } from '../preferences/preference.resolver.js';
import { TemplatePreferenceResolver } from '../preferences/template-preference.resolver.js';
import { RecipientResolver } from '../recipients/recipient.resolver.js';
import { SendResolver } from '../sending/send.resolver.js';
import { TemplateResolver } from '../templates/template.resolver.js';

/** Every resolver class; the container hands type-graphql the instances built in app.ts. */
export const resolverClasses = [
  InboxResolver,
  InboxStateResolver,
  SendResolver,
  TemplateResolver,
  EventResolver,
  PreferenceResolver,
  TemplatePreferenceResolver,
  RecipientResolver,
  DeliveryResolver,
  DeliveryEventsResolver,
  SuppressionResolver,
  StatsResolver,
  WebhookResolver,
] as const;

/** A resolver class, whatever its constructor takes. */
export type ResolverClass = abstract new (...args: never[]) => object;

export type ResolverInstances = ReadonlyMap<ResolverClass, object>;

/** Builds the executable schema. Without instances it can only be printed, not executed. */
export function buildBelfrySchema(
  instances: ResolverInstances = new Map(),
  events: InboxEvents = new InboxEvents(),
): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get(resolverClass: ResolverClass) {
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
 * Validates every argument of every operation. First, for all of them, that no string or
 * JSON key anywhere inside holds text PostgreSQL cannot store (NUL, unpaired surrogates):
 * BAD_USER_INPUT naming the field. Then input objects with class-validator, as
 * type-graphql does by default, reporting failures the same way (ArgumentValidationError,
 * turned into BAD_USER_INPUT with the field names). Given as `validateFn` because
 * type-graphql's default loads class-validator with a dynamic import() on every argument
 * of every request, and skips scalar arguments.
 */
async function validateInput(value: unknown, _type: unknown, { args }: ResolverData): Promise<void> {
  // A scalar argument is named by the argument; an input object's fields by their own path (as class-validator does).
  const unsafe = findUnsafeText(
    value,
    typeof value === 'object' ? '' : (Object.keys(args).find((name) => args[name] === value) ?? 'input'),
  );
  if (unsafe) throw new BadUserInputError(`${unsafe.field || 'input'} ${unsafe.reason}`, [unsafe.field || 'input']);
  const items = Array.isArray(value) ? value : [value];
  try {
    await Promise.all(
      items
        .filter((item): item is object => item !== null && typeof item === 'object')
        .map((item) => validateOrReject(item, VALIDATOR_OPTIONS)),
    );
  } catch (error) {
    throw new ArgumentValidationError(error as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildBelfrySchema } from '../graphql/schema.js';
import { SHARED_CONTEXT_KEYS } from './shared-subscribe.js';

/** Every object type a subscription's result can contain, the Subscription root included. */
function reachableFromSubscription(schema: GraphQLSchema): GraphQLObjectType[] {
  const seen = new Map<string, GraphQLObjectType>();
  const visit = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.set(type.name, type);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named)) visit(named);
    }
  };
  const root = schema.getSubscriptionType();
  if (root) visit(root);
  return [...seen.values()];
}

/** `Type.field` → what each of its resolvers reads from the context (`*` for all of it). */
function contextReads(schema: GraphQLSchema): Map<string, string[]> {
  const metadata = getMetadataStorage();
  const reads = new Map<string, string[]>();
  for (const type of reachableFromSubscription(schema)) {
    const isRoot = type === schema.getSubscriptionType();
    const objectClass = metadata.objectTypes.find((objectType) => objectType.name === type.name)?.target;
    for (const fieldName of Object.keys(type.getFields())) {
      const resolvers = isRoot
        ? metadata.subscriptions.filter((resolver) => resolver.schemaName === fieldName)
        : [
            ...metadata.fieldResolvers.filter(
              (resolver) =>
                resolver.schemaName === fieldName &&
                (resolver.getObjectType?.() ?? resolver.resolverClassMetadata?.getObjectType()) === objectClass,
            ),
            ...metadata.fields.filter((field) => field.target === objectClass && field.name === fieldName),
          ];
      const params = resolvers.flatMap((resolver) => resolver.params ?? []);
      reads.set(
        `${type.name}.${fieldName}`,
        params.flatMap((param) => (param.kind === 'context' ? [param.propertyName ?? '*'] : [])),
      );
    }
  }
  return reads;
}

describe('resolvers below Subscription (shared execution: one context serves every subscriber)', () => {
  it('read no part of the context that differs between callers', async () => {
    const reads = contextReads(await buildBelfrySchema());
    // The walk reaches past the root: Notification.deliveries is resolved by a field resolver with loaders.
    expect(reads.get('Notification.deliveries')).toEqual(['loaders']);
    const unsafe = [...reads].flatMap(([field, keys]) =>
      keys
        .filter((key) => !SHARED_CONTEXT_KEYS.has(key))
        .map((key) => `${field} reads context ${key === '*' ? '(all of it)' : `.${key}`}`),
    );
    expect(unsafe).toEqual([]);
  });
});

import { Property } from '@mikro-orm/decorators/legacy';
import { Field } from 'type-graphql';

// The creation and change times every table keeps, declared once. The base classes are not
// entities (no table of their own); MikroORM copies their properties into each entity that
// extends them. GraphQL exposure stays each entity's choice (see exposeTimestamps): a field
// declared here would appear on every object type built from a subclass.

/** `created_at`: set when the row is made, by the application or by the database default. */
export abstract class CreatedAt {
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  createdAt: Date = new Date();
}

/** `created_at` and `updated_at`; the ORM moves `updated_at` on every update it flushes. */
export abstract class Timestamped extends CreatedAt {
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Exposes the named timestamps of `entity` as non-null `DateTimeISO` fields of its GraphQL type. */
export function exposeTimestamps(
  entity: abstract new () => CreatedAt,
  fields: readonly ('createdAt' | 'updatedAt')[],
): void {
  for (const field of fields) Field(() => Date)(entity.prototype as object, field);
}

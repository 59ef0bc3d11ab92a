import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';

/** Remembers which default templates were seeded, so seeding never brings back a deleted one. */
@Entity({ tableName: 'template_seeds' })
export class SeededTemplate {
  [OptionalProps]?: 'seededAt';

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  seededAt: Date = new Date();
}

import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Channel } from '../shared/enums.js';
import { Timestamped } from '../db/timestamps.js';

/** An operator-defined event: its name, the template it sends and, optionally, the channels. */
@Entity({ tableName: 'event_mappings' })
export class EventMapping extends Timestamped {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'text' })
  event!: string;

  @Property({ type: 'text' })
  templateKey!: string;

  /** Null: the template's channels. */
  @Enum({ items: () => Channel, array: true, nullable: true })
  channels?: Channel[] | null;
}

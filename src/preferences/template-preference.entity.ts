import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Channel } from '../shared/enums.js';

/**
 * One user's choice for one template on one channel, on top of the channel × category flags:
 * `enabled: false` skips that channel for sends of that template (unless the template is
 * critical); `enabled: true` is recorded but cannot turn on a channel the flags turned off.
 * Keyed by the template's key, so it outlives a template deleted and created again.
 */
@ObjectType({ description: 'A per-template choice on one channel, on top of the channel × category flags.' })
@Entity({ tableName: 'notification_template_preferences' })
export class TemplatePreference {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'text' })
  userId!: string;

  @Field()
  @PrimaryKey({ type: 'text' })
  templateKey!: string;

  @Field(() => Channel)
  @Enum({ items: () => Channel, primary: true })
  channel!: Channel;

  @Field()
  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  updatedAt: Date = new Date();
}

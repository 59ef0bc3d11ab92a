import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Channel } from '../shared/enums.js';

/** An address Belfry no longer sends to on a channel: a hard bounce, a spam complaint, an opt-out, or an operator's call. */
@ObjectType({
  description: 'An address no delivery goes to any more (a hard bounce, a complaint, an opt-out, or added by hand).',
})
@Entity({ tableName: 'suppressions' })
export class Suppression {
  [OptionalProps]?: 'createdAt';

  @Field(() => Channel)
  @PrimaryKey({ type: 'text' })
  channel!: Channel;

  @Field({ description: 'Lower-cased email, or E.164 phone number.' })
  @PrimaryKey({ type: 'text' })
  address!: string;

  @Field({ description: 'hard_bounce, complaint, opt_out, or what addSuppression was given.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The backend whose receipt suppressed it; null when added by hand.',
  })
  @Property({ type: 'text', nullable: true })
  backend?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  createdAt: Date = new Date();

  @Field(() => ID, { description: 'channel:address — stable, so client caches normalise it.' })
  get id(): string {
    return `${this.channel}:${this.address}`;
  }
}

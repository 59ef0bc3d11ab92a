import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Delivery } from '../delivery/delivery.entity.js';

/** One provider receipt about a delivery, kept as it came (after verification). */
@ObjectType({ description: "A provider's report about a delivery: delivered, opened, clicked, bounced, …" })
@Entity({ tableName: 'delivery_events' })
@Unique({ properties: ['backend', 'providerEventId'] })
@Index({ properties: ['delivery', 'at'] })
export class DeliveryEvent {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Delivery, { deleteRule: 'cascade' })
  delivery!: Rel<Delivery>;

  @Field(() => String, {
    description:
      'delivered, opened, clicked, bounced, deferred (a soft bounce), complained, undelivered, unsubscribed.',
  })
  @Property({ type: 'text' })
  type!: string;

  @Field(() => Date, { description: 'When the provider says it happened.' })
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => GraphQLJSONObject, { description: 'Provider detail: bounce kind and reason, clicked URL, error code.' })
  @Property({ type: 'json' })
  detail: Record<string, unknown> = {};

  /** The backend whose webhook reported it. */
  @Property({ type: 'text' })
  backend!: string;

  /** The provider's id of the event: the same event delivered twice is recorded once. */
  @Property({ type: 'text' })
  providerEventId!: string;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  createdAt: Date = new Date();
}

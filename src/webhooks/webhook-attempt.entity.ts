import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** One POST of one event to one endpoint, as it went. */
@ObjectType({ description: 'One delivery attempt of an event to an endpoint.' })
@Entity({ tableName: 'webhook_attempts' })
@Index({ properties: ['endpoint', 'at'] })
export class WebhookAttempt {
  [OptionalProps]?: 'at' | 'endpointId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @Field({ description: 'The webhook-id header: the same for every attempt of one event (receivers dedupe on it).' })
  @Property({ type: 'text' })
  messageId!: string;

  @Field({ description: 'notification.created, delivery.sent, …' })
  @Property({ type: 'text' })
  type!: string;

  @Field(() => GraphQLJSONObject, { description: 'The payload sent: { type, timestamp, data }.' })
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Field(() => Int, { description: '1 for the first try.' })
  @Property({ type: 'integer' })
  attempt!: number;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status; null when it never answered." })
  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  ok!: boolean;

  @Field(() => Int)
  @Property({ type: 'integer' })
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'Why it failed: timeout, refused address, connection error, …' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Field(() => String, { nullable: true, description: "The first 1,000 characters of the endpoint's answer." })
  @Property({ type: 'text', nullable: true })
  responseExcerpt?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  at: Date = new Date();

  @Field(() => ID)
  get endpointId(): string {
    return this.endpoint.id;
  }
}

import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';
import { WebhookEventType } from './webhook-event-type.js';

/** Where Belfry posts events for the app, signed per Standard Webhooks. */
@ObjectType({ description: 'An app URL that receives signed events (Standard Webhooks).' })
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint extends Timestamped {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'enabled';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  url!: string;

  @Field(() => [WebhookEventType])
  @Property({ type: 'text[]' })
  events!: WebhookEventType[];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The signing secret (`whsec_…`), sealed with SECRET_KEY; shown once, at creation and rotation. */
  @Property({ type: 'text' })
  sealedSecret!: string;

  @Field({ description: 'False once disabled by hand, or after failing for 3 days.' })
  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when every attempt has failed; null after a success.' })
  @Property({ type: 'datetime', nullable: true })
  failingSince?: Date | null;
}
exposeTimestamps(WebhookEndpoint, ['createdAt', 'updatedAt']);

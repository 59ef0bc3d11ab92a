import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';

/** Contact data for one user: where email and SMS go, and how to address them. */
@ObjectType({ description: 'Where and how to reach a user.' })
@Entity({ tableName: 'recipients' })
export class Recipient extends Timestamped {
  [OptionalProps]?: 'cacheId' | 'createdAt' | 'updatedAt';

  @Field()
  @PrimaryKey({ type: 'text' })
  userId!: string;

  /** The GraphQL `id`: the user id, this row's key. */
  @Field(() => ID, { name: 'id', description: 'The user id: one Recipient per user.' })
  get cacheId(): string {
    return this.userId;
  }

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  /** E.164, e.g. +14155550123. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  /** BCP 47 language tag, e.g. en-GB. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  locale?: string | null;

  /** IANA time zone, e.g. Europe/Berlin. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  timezone?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  name?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Custom data, available to templates as {recipient.data.*}.',
  })
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}
exposeTimestamps(Recipient, ['updatedAt']);

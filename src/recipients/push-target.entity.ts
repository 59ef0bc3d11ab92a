import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { PushTargetKind } from '../shared/enums.js';
import { CreatedAt, exposeTimestamps } from '../db/timestamps.js';

/** A device or browser registered to receive push for one user. */
@ObjectType({ description: 'A device or browser registered for push.' })
@Entity({ tableName: 'push_targets' })
@Unique({ properties: ['kind', 'token'] })
@Index({ properties: ['userId'] })
export class PushTarget extends CreatedAt {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  userId!: string;

  @Field(() => PushTargetKind)
  @Enum({ items: () => PushTargetKind })
  kind!: PushTargetKind;

  /** FCM registration token, APNs device token, or the Web Push endpoint URL. */
  @Field()
  @Property({ type: 'text' })
  token!: string;

  /** Web Push only: the subscription's `keys` (p256dh, auth). */
  @Property({ type: 'json', nullable: true })
  keys?: { p256dh: string; auth: string } | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  /** Set when the provider says the target is gone; disabled targets are never sent to. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;
}
exposeTimestamps(PushTarget, ['createdAt']);

import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Channel, DeliveryStatus } from '../shared/enums.js';
import { Notification } from '../inbox/notification.entity.js';
import type { EmailContent, PushContent, SmsContent } from '../channels/content.js';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';

/** The copy a delivery sends, for its own channel. */
export type DeliveryContent =
  { readonly email: EmailContent } | { readonly sms: SmsContent } | { readonly push: PushContent };

/** The durable unit of sending: one notification on one channel, with its own state. */
@ObjectType({ description: 'One notification on one channel: its state, attempts and provider receipt.' })
@Entity({ tableName: 'deliveries' })
@Unique({ properties: ['notification', 'channel'] })
@Index({ properties: ['status', 'updatedAt'] })
@Index({ properties: ['backend', 'providerMessageId'] })
export class Delivery extends Timestamped {
  [OptionalProps]?: 'attempts' | 'sandbox' | 'createdAt' | 'updatedAt' | 'notificationId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Notification, { deleteRule: 'cascade' })
  notification!: Rel<Notification>;

  @Field(() => Channel)
  @Enum({ items: () => Channel })
  channel!: Channel;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus })
  status!: DeliveryStatus;

  /** Why a SKIPPED delivery was not sent: preference_off:<flag>, no_email_address, no_phone_number, no_push_target, no_provider (production, no provider configured), expired (its notification expired first). */
  @Field(() => String, {
    nullable: true,
    description:
      'Why a SKIPPED delivery was not sent: preference_off:<flag>, no_email_address, no_phone_number, no_push_target, no_provider (production, no provider configured), expired (its notification expired first).',
  })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** What to send, when it holds no secret. */
  @Property({ type: 'json', nullable: true })
  content?: DeliveryContent | null;

  /** What to send, sealed (see Sealer), when it holds a secret; wiped once the delivery ends. */
  @Property({ type: 'text', nullable: true })
  sealedContent?: string | null;

  @Field(() => String, { nullable: true, description: 'The configured backend that sent (or last tried) it.' })
  @Property({ type: 'text', nullable: true })
  backend?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  providerMessageId?: string | null;

  /** The provider accepted it in sandbox (test) mode, e.g. SendGrid's `sandbox_mode`: nothing was delivered. */
  @Field(() => Boolean, {
    description:
      "True when the provider accepted it in sandbox (test) mode, e.g. SendGrid's sandbox_mode: validated, never delivered.",
  })
  @Property({ type: 'boolean', default: false })
  sandbox: boolean = false;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the provider reported it delivered (a receipt).' })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'First open the provider reported (email).' })
  @Property({ type: 'datetime', nullable: true })
  openedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'First click the provider reported (email).' })
  @Property({ type: 'datetime', nullable: true })
  clickedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it bounced for good, was marked spam, or (SMS) was reported undelivered.',
  })
  @Property({ type: 'datetime', nullable: true })
  bouncedAt?: Date | null;

  @Field(() => ID)
  get notificationId(): string {
    return this.notification.id;
  }
}
exposeTimestamps(Delivery, ['createdAt', 'updatedAt']);

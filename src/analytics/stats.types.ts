import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Category, Channel } from '../shared/enums.js';

export enum StatsInterval {
  HOUR = 'hour',
  DAY = 'day',
}
registerEnumType(StatsInterval, {
  name: 'StatsInterval',
  description: 'The width of one bucket of notificationStats.',
});

export enum StatsGroupBy {
  CHANNEL = 'channel',
  TEMPLATE = 'template_key',
  CATEGORY = 'category',
  BACKEND = 'backend',
}
registerEnumType(StatsGroupBy, {
  name: 'StatsGroupBy',
  description: 'What notificationStats rows are split by, besides the bucket.',
});

@InputType({ description: 'Only what matches every list given (each list: any of its values).' })
export class NotificationStatsFilter {
  @Field(() => [Channel], { nullable: true })
  @ArrayMaxSize(10)
  channels?: Channel[] | null;

  @Field(() => [String], { nullable: true, description: 'Template keys; "" stands for sends without a template.' })
  @ArrayMaxSize(100)
  @MaxLength(200, { each: true })
  templateKeys?: string[] | null;

  @Field(() => [Category], { nullable: true })
  @ArrayMaxSize(10)
  categories?: Category[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Backend names (mailgun, twilio, …); "" stands for deliveries no backend handled (in-app, skipped).',
  })
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  backends?: string[] | null;
}

@InputType()
export class NotificationStatsInput {
  @Field(() => Date, { description: 'Start of the range (inclusive), rounded down to the interval in timeZone.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the range (exclusive). At most 31 days after from for HOUR, 731 for DAY.' })
  to!: Date;

  @Field(() => StatsInterval, { defaultValue: StatsInterval.DAY })
  interval!: StatsInterval;

  @Field(() => [StatsGroupBy], {
    defaultValue: [],
    description: 'Split each bucket by these (none: one row per bucket).',
  })
  @ArrayMaxSize(4)
  groupBy!: StatsGroupBy[];

  @Field(() => NotificationStatsFilter, { nullable: true })
  filter?: NotificationStatsFilter | null;

  @Field(() => String, {
    defaultValue: 'UTC',
    description:
      'IANA time zone the days start in (e.g. Europe/Berlin). Counts are kept per UTC hour, so zones with a whole-hour offset are exact.',
  })
  @MaxLength(64)
  timeZone!: string;
}

@ObjectType({ description: 'How many skipped deliveries gave one reason.' })
export class SkipReasonCount {
  @Field(() => String, { description: 'preference_off:<flag>, suppressed, expired, no_email_address, …' })
  reason!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    'Counts for one bucket and group (or, as totals, the whole range). A delivery counts in the bucket its notification was due in; its later receipts and reads add to that bucket.',
})
export class NotificationStatsRow {
  @Field(() => ID)
  id!: string;

  @Field(() => Date, { nullable: true, description: 'Start of the bucket; null in totals.' })
  bucket!: Date | null;

  @Field(() => Channel, { nullable: true, description: 'Set when grouped by CHANNEL.' })
  channel!: Channel | null;

  @Field(() => String, {
    nullable: true,
    description: 'Set when grouped by TEMPLATE; "" for sends without a template.',
  })
  templateKey!: string | null;

  @Field(() => Category, { nullable: true, description: 'Set when grouped by CATEGORY.' })
  category!: Category | null;

  @Field(() => String, { nullable: true, description: 'Set when grouped by BACKEND; "" when no backend handled it.' })
  backend!: string | null;

  @Field(() => Int, { description: 'Deliveries created (one per notification and channel), skipped ones included.' })
  created!: number;

  @Field(() => Int, { description: 'Handed to a provider (in-app: placed in the inbox).' })
  sent!: number;

  @Field(() => Int, { description: 'Reported delivered by the provider (in-app: placed in the inbox).' })
  delivered!: number;

  @Field(() => Int, { description: 'Ended FAILED (a later retry that succeeds counts as sent too).' })
  failed!: number;

  @Field(() => Int, { description: 'Bounced, or (SMS) reported undelivered.' })
  bounced!: number;

  @Field(() => Int)
  complained!: number;

  @Field(() => Int, { description: 'Opened at least once (email, from receipts).' })
  opened!: number;

  @Field(() => Int, { description: 'Clicked at least once (email, from receipts).' })
  clicked!: number;

  @Field(() => Int)
  skipped!: number;

  @Field(() => [SkipReasonCount], { description: 'The skipped, by reason, most first.' })
  skippedByReason!: SkipReasonCount[];

  @Field(() => Int, { description: 'In-app notifications read now (marking unread takes one back).' })
  read!: number;

  @Field(() => Float, { nullable: true, description: 'delivered / sent; null when nothing was sent.' })
  deliveryRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'opened / delivered; null when nothing was delivered.' })
  openRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'clicked / delivered; null when nothing was delivered.' })
  clickRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'read / delivered (in-app); null when nothing was delivered.' })
  readRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from due (queued, or its sendAt) to sent; within ±12%. Null when nothing was sent.',
  })
  queuedToSentP50!: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile seconds from due to sent; within ±12%.' })
  queuedToSentP95!: number | null;
}

@ObjectType({ description: 'Delivery analytics over a range, from rollups kept as deliveries change.' })
export class NotificationStats {
  @Field(() => ID, { description: 'Stands for the query (its input): the same input gives the same id.' })
  id!: string;

  @Field(() => Date, { description: 'The first bucket start: from, rounded down to the interval.' })
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => StatsInterval)
  interval!: StatsInterval;

  @Field(() => String)
  timeZone!: string;

  @Field(() => [NotificationStatsRow], {
    description: 'One row per bucket and group that had any activity, in bucket order, then by group.',
  })
  rows!: NotificationStatsRow[];

  @Field(() => [NotificationStatsRow], {
    description: 'The whole range per group (bucket null), in group order: rates and percentiles per template, say.',
  })
  groupTotals!: NotificationStatsRow[];

  @Field(() => NotificationStatsRow, { description: 'The whole range, all groups together.' })
  totals!: NotificationStatsRow;
}

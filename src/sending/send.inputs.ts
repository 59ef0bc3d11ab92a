import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { IsActionUrl, IsBoundedJson, IsSendTime, IsUserId } from '../graphql/input-validators.js';
import { IsNotificationActions, NotificationActionInput } from '../inbox/notification-action.js';
import { IsTags } from '../inbox/tags.js';
import { Category, Channel, Priority } from '../shared/enums.js';

@ValidatorConstraint({ name: 'isFuture' })
class IsFuture implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value == null || (value instanceof Date && value.getTime() > Date.now());
  }
  defaultMessage(): string {
    return '$property must be in the future';
  }
}

/** Options every kind of send accepts. */
@InputType()
abstract class SendOptions {
  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  channels?: Channel[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'An absolute http(s) URL or an app path starting with exactly one "/".',
  })
  @IsOptional()
  @IsActionUrl()
  @MaxLength(2_000)
  actionUrl?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'At most 32 levels deep and 64 KB as JSON.' })
  @IsBoundedJson()
  metadata?: Record<string, unknown> | null;

  @Field(() => [NotificationActionInput], {
    nullable: true,
    description: "Up to two buttons (label, absolute http(s) url, style); for a template, instead of the template's.",
  })
  @IsNotificationActions()
  actions?: NotificationActionInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Up to 10 tags (1 to 50 characters; stored lower-cased), added to the template's. Filter with notifications(filter: { tags }).",
  })
  @IsTags()
  tags?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'After this time the inbox item is no longer listed.' })
  @Validate(IsFuture)
  expiresAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Hold every channel, the inbox item included, until this time: at most one year ahead, and before expiresAt.',
  })
  @IsSendTime()
  sendAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A repeat with the same key within 24 hours returns the first result and sends nothing; the same key with different input is a CONFLICT.',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({
  description:
    "A notification with its own copy. Channels default to [IN_APP]; each goes through the user's preferences.",
})
export class SendNotificationInput extends SendOptions {
  @Field()
  @IsUserId()
  userId!: string;

  @Field(() => Category, { defaultValue: Category.SYSTEM })
  category!: Category;

  @Field(() => Priority, { defaultValue: Priority.MEDIUM })
  priority!: Priority;

  @Field({ description: 'Inbox title, email subject, push title.' })
  @Matches(/\S/, { message: 'title should not be empty' })
  @MaxLength(500)
  title!: string;

  @Field({ description: 'Inbox message, email text, SMS and push body.' })
  @Matches(/\S/, { message: 'message should not be empty' })
  @MaxLength(10_000)
  message!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100_000)
  htmlContent?: string | null;
}

@InputType({ description: "A template sent to one user or many. Channels default to the template's." })
export class SendTemplateInput extends SendOptions {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  templateKey!: string;

  @Field(() => String, { nullable: true, description: 'One user; or use userIds.' })
  @IsOptional()
  @IsUserId()
  userId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Up to 1000 users; each gets their own notification.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUserId({ each: true })
  userIds?: string[] | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Values for the template's placeholders. At most 32 levels deep and 64 KB as JSON.",
  })
  @IsBoundedJson()
  data?: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Render in this locale (BCP 47: de, de-AT) instead of each recipient's: picks the template's translation and formats money, numbers and dates.",
  })
  @IsOptional()
  @MaxLength(35)
  locale?: string | null;
}

@InputType({ description: 'A named event for one user.' })
export class TriggerEventInput extends SendOptions {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  event!: string;

  @Field()
  @IsUserId()
  userId!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Values for the event's template. At most 32 levels deep and 64 KB as JSON.",
  })
  @IsBoundedJson()
  data?: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Render in this locale (BCP 47: de, de-AT) instead of each recipient's: picks the template's translation and formats money, numbers and dates.",
  })
  @IsOptional()
  @MaxLength(35)
  locale?: string | null;
}

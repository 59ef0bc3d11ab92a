import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsNotificationActions, NotificationActionInput } from '../inbox/notification-action.js';
import { IsTags } from '../inbox/tags.js';
import { Category, Channel, Priority } from '../shared/enums.js';

const KEY = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
const FIELD = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** Copy and settings shared by create and update; on update every field is optional. */
@InputType()
abstract class TemplateFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  channels?: Channel[] | null;

  @Field(() => Category, { nullable: true })
  category?: Category | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => String, { nullable: true, description: 'Email subject and inbox title.' })
  @IsOptional()
  @MaxLength(500)
  subjectTemplate?: string | null;

  @Field(() => String, { nullable: true, description: 'Plain text: the inbox message and the email text part.' })
  @IsOptional()
  @Matches(/\S/, { message: 'messageTemplate should not be empty' })
  @MaxLength(20_000)
  messageTemplate?: string | null;

  @Field(() => String, { nullable: true, description: 'Email HTML; placeholder values are HTML-escaped.' })
  @IsOptional()
  @MaxLength(200_000)
  htmlTemplate?: string | null;

  @Field(() => String, { nullable: true, description: 'SMS text; defaults to messageTemplate.' })
  @IsOptional()
  @MaxLength(1600)
  smsTemplate?: string | null;

  @Field(() => String, { nullable: true, description: 'Push title; defaults to subjectTemplate, then name.' })
  @IsOptional()
  @MaxLength(200)
  pushTitleTemplate?: string | null;

  @Field(() => String, { nullable: true, description: 'Push body; defaults to messageTemplate.' })
  @IsOptional()
  @MaxLength(2000)
  pushBodyTemplate?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Data every send must provide. Every placeholder must be listed here (or be recipient.* / userId).',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(FIELD, { each: true, message: 'dataFields must be names like code or order.total' })
  dataFields?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Data fields that are secrets: sealed, never stored in plain text.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  sensitiveFields?: string[] | null;

  @Field(() => [NotificationActionInput], {
    nullable: true,
    description: 'Up to two buttons copied to every notification sent from it (a send may give its own).',
  })
  @IsNotificationActions()
  actions?: NotificationActionInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Up to 10 tags (1 to 50 characters; stored lower-cased).' })
  @IsTags()
  tags?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Critical templates go out whatever the preferences say.' })
  critical?: boolean | null;
}

@InputType()
export class CreateTemplateInput extends TemplateFields {
  @Field()
  @Matches(KEY, { message: 'key must be lower-case letters, digits, _ . - (at most 100)' })
  key!: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  declare name: string;

  @Field()
  @Matches(/\S/, { message: 'messageTemplate should not be empty' })
  @MaxLength(20_000)
  declare messageTemplate: string;
}

@InputType()
export class UpdateTemplateInput extends TemplateFields {}

@InputType({
  description: "A template's copy in one locale. A field left out stays as it is; null uses the template's own.",
})
export class TemplateTranslationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  subjectTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/\S/, { message: 'messageTemplate should not be empty' })
  @MaxLength(20_000)
  messageTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200_000)
  htmlTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1600)
  smsTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  pushTitleTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  pushBodyTemplate?: string | null;
}

import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { IsBoundedJson, IsUserId } from '../graphql/input-validators.js';

@InputType({
  description: 'What to preview: a template rendered with sample data, for a user or none. Writes nothing.',
})
export class PreviewTemplateInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  templateKey!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Values for the template's fields." })
  @IsBoundedJson()
  data?: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description: "Render in this locale (BCP 47); else the user's, else English.",
  })
  @IsOptional()
  @MaxLength(35)
  locale?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Render for this recipient (name, locale, time zone); none when left out.',
  })
  @IsOptional()
  @IsUserId()
  userId?: string | null;
}

@ObjectType()
export class EmailPreview {
  @Field()
  subject!: string;

  @Field(() => String, { nullable: true })
  html!: string | null;

  @Field()
  text!: string;
}

@ObjectType()
export class InboxPreview {
  @Field({ description: 'As the inbox stores it: sensitive values masked.' })
  title!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  htmlContent!: string | null;
}

@ObjectType()
export class SmsPreview {
  @Field()
  text!: string;

  @Field(() => Int, { description: 'Characters in the encoding (a GSM-7 extension character or an emoji counts two).' })
  length!: number;

  @Field(() => Int, {
    description: 'Messages the carrier bills: 160 (GSM-7) or 70 (UCS-2) in one, 153 or 67 per part.',
  })
  segments!: number;

  @Field({ description: 'GSM_7, or UCS_2 when the text has a character GSM-7 lacks.' })
  encoding!: string;
}

@ObjectType()
export class PushPreview {
  @Field()
  title!: string;

  @Field()
  body!: string;
}

@ObjectType({ description: "A template's copy for every channel as a send would render it, and what looks wrong." })
export class TemplatePreview {
  @Field()
  templateKey!: string;

  @Field({ description: 'The locale rendered in (translation and formatting).' })
  locale!: string;

  @Field(() => InboxPreview)
  inApp!: InboxPreview;

  @Field(() => EmailPreview)
  email!: EmailPreview;

  @Field(() => SmsPreview)
  sms!: SmsPreview;

  @Field(() => PushPreview)
  push!: PushPreview;

  @Field(() => [String], {
    description:
      'Missing required fields (a send would be refused), and variables the data lacks (they print as nothing).',
  })
  warnings!: string[];
}

import {
  IsEmail,
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
import { IsBoundedJson, IsUserId } from '../graphql/input-validators.js';
import { PushTargetKind } from '../shared/enums.js';

@ValidatorConstraint({ name: 'isIanaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value == null) return true;
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value.includes('/') || value === 'UTC';
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return '$property must be an IANA time zone such as Europe/Berlin';
  }
}

@ValidatorConstraint({ name: 'isLocale' })
export class IsLocale implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value == null) return true;
    try {
      return typeof value === 'string' && Intl.getCanonicalLocales(value).length === 1;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return '$property must be a BCP 47 language tag such as en-GB';
  }
}

@InputType({ description: 'Contact data to create or change. Omitted fields keep their value; null clears one.' })
export class UpsertRecipientInput {
  @Field(() => String, {
    nullable: true,
    description: 'Required with an API key; a user token changes its own record.',
  })
  @IsUserId()
  userId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'E.164, e.g. +14155550123.' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 format, e.g. +14155550123' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Validate(IsLocale)
  locale?: string | null;

  @Field(() => String, { nullable: true })
  @Validate(IsIanaTimeZone)
  timezone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Custom data, available to templates as {recipient.data.*}. At most 32 levels deep and 64 KB as JSON.',
  })
  @IsBoundedJson()
  data?: Record<string, unknown> | null;
}

@InputType()
export class WebPushKeysInput {
  @Field()
  @MinLength(1)
  p256dh!: string;

  @Field()
  @MinLength(1)
  auth!: string;
}

@InputType({
  description:
    'A device or browser to push to. Registering a known token again moves it to this user and re-enables it.',
})
export class RegisterPushTargetInput {
  @Field(() => String, { nullable: true })
  @IsUserId()
  userId?: string | null;

  @Field(() => PushTargetKind)
  kind!: PushTargetKind;

  @Field({ description: 'FCM registration token, APNs device token (hex), or the Web Push subscription endpoint.' })
  @MinLength(1)
  @MaxLength(4096)
  token!: string;

  @Field(() => WebPushKeysInput, { nullable: true, description: 'Web Push only: the subscription keys.' })
  keys?: WebPushKeysInput | null;
}

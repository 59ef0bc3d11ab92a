import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { jsonLimitReason, userIdProblem } from '../shared/input-hygiene.js';

// class-validator decorators for the input rules that recur across input types. Safe text
// (no NUL, no unpaired surrogates) is checked for every argument in schema.ts's validateFn;
// these add each field's own shape.

type Check = (value: unknown, args: ValidationArguments) => string | undefined;

/** Registers a property decorator from one function that returns the problem, or undefined when fine. */
function rule(name: string, check: Check, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => check(value, args) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `$property ${args ? (check(args.value, args) ?? 'is invalid') : 'is invalid'}`,
      },
    });
}

/** A user id: 1 to 200 characters of storable text. With `{ each: true }` for a list of them. */
export function IsUserId(options?: ValidationOptions): PropertyDecorator {
  return rule('isUserId', (value) => userIdProblem(value), options);
}

/** A JSON object input (metadata, template data): at most 32 levels and 64 KB. */
export function IsBoundedJson(options?: ValidationOptions): PropertyDecorator {
  return rule('isBoundedJson', (value) => jsonLimitReason(value), options);
}

// Control characters (C0, DEL, C1), any whitespace, and backslashes: browsers strip or
// reinterpret them ("/\evil.example" is "//evil.example", a link to another site).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const URL_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\s\\]/;

/** Why `url` is not a safe notification link, or undefined. */
export function actionUrlProblem(url: string): string | undefined {
  if (URL_FORBIDDEN.test(url)) return 'must not contain spaces, control characters or backslashes';
  if (url.startsWith('/'))
    return url.startsWith('//')
      ? 'must start with exactly one "/" when it is a path ("//host" links to another site)'
      : undefined;
  if (!/^https?:\/\/[^/]/i.test(url)) return 'must be an absolute http(s) URL or a path starting with "/"';
  try {
    return new URL(url).hostname ? undefined : 'must name a host';
  } catch {
    return 'is not a valid URL';
  }
}

/** A link opened from a notification: an absolute http(s) URL, or an app path starting with exactly one "/". */
export function IsActionUrl(options?: ValidationOptions): PropertyDecorator {
  return rule(
    'isActionUrl',
    (value) => (typeof value === 'string' ? actionUrlProblem(value) : 'must be a string'),
    options,
  );
}

/** How far ahead a send may be scheduled. */
export const MAX_SCHEDULE_MS = 366 * 24 * 3600 * 1000;

/** `sendAt`: at most a year ahead, and before the notification's `expiresAt`. */
export function IsSendTime(options?: ValidationOptions): PropertyDecorator {
  return rule(
    'isSendTime',
    (value, args) => {
      if (!(value instanceof Date)) return 'must be a date-time';
      if (value.getTime() > Date.now() + MAX_SCHEDULE_MS) return 'must be at most one year ahead';
      const expiresAt = (args.object as { expiresAt?: unknown }).expiresAt;
      if (expiresAt instanceof Date && value.getTime() >= expiresAt.getTime()) return 'must be before expiresAt';
      return undefined;
    },
    options,
  );
}

import { validate, type ValidationError } from 'class-validator';
import type { Request } from 'express';
import { SendNotificationInput } from '../sending/send.inputs.js';
import { Category, Channel, Priority } from '../shared/enums.js';
import { BadUserInputError } from '../shared/errors.js';
import { findUnsafeText, jsonLimitReason } from '../shared/input-hygiene.js';
import { toSnakeCase } from './rest-shapes.js';

// The REST edge: query parameters and JSON bodies are checked here, by the same rules as the
// GraphQL inputs (the same class-validator classes, the same text and JSON hygiene), and every
// refusal is BAD_USER_INPUT naming the parameter or body field as the caller spelled it.

/** One query parameter as text; undefined when absent. Given twice, it is refused. */
export function queryParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadUserInputError(`${name} must be given once, as text`, [name]);
  const unsafe = findUnsafeText(value, name);
  if (unsafe) throw new BadUserInputError(`${name} ${unsafe.reason}`, [name]);
  return value;
}

/** A required query parameter (non-empty). */
export function requiredParam(req: Request, name: string): string {
  const value = queryParam(req, name);
  if (!value?.trim()) throw new BadUserInputError(`${name} is required`, [name]);
  return value;
}

/** `true`/`false` (also `1`/`0`), as the seed's FastAPI parses them. */
export function booleanParam(req: Request, name: string, fallback: boolean): boolean {
  const value = queryParam(req, name)?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new BadUserInputError(`${name} must be true or false (got "${value.slice(0, 20)}")`, [name]);
}

/** A whole number; range checks are the caller's (the page size is InboxService's). */
export function integerParam(req: Request, name: string, fallback: number): number {
  const value = queryParam(req, name)?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d{1,9}$/.test(value))
    throw new BadUserInputError(`${name} must be an integer (got "${value.slice(0, 20)}")`, [name]);
  return Number(value);
}

/** The JSON body as an object; `fallback` when the request has none. */
export function bodyObject(req: Request, fallback?: Record<string, unknown>): Record<string, unknown> {
  const body: unknown = req.body;
  if ((body === undefined || (typeof body === 'object' && body !== null && !Object.keys(body).length)) && fallback)
    return fallback;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new BadUserInputError('The request body must be a JSON object (Content-Type: application/json)', ['body']);
  return body as Record<string, unknown>;
}

/** A JSON object input (template data): the same bounds as GraphQL's JSON inputs. */
export function jsonObject(value: Record<string, unknown>, field: string): Record<string, unknown> {
  const unsafe = findUnsafeText(value, field);
  if (unsafe) throw new BadUserInputError(`${field} ${unsafe.reason}`, [field]);
  const tooBig = jsonLimitReason(value);
  if (tooBig) throw new BadUserInputError(`${field} ${tooBig}`, [field]);
  return value;
}

/** The seed's `POST /api/notifications/` body fields, and Belfry's additions. */
const SEND_FIELDS = new Set([
  'user_id',
  'type',
  'category',
  'priority',
  'title',
  'message',
  'html_content',
  'metadata',
  'expires_at',
  'channels',
  'action_url',
  'send_at',
  'idempotency_key',
]);

/**
 * The seed's notification body as GraphQL's SendNotificationInput, validated by that class's
 * own rules. `type` (one channel, the seed's) or `channels` (Belfry's list) pick the channels.
 * An `Idempotency-Key` header stands in for `idempotency_key`.
 */
export async function sendNotificationInput(
  body: Record<string, unknown>,
  idempotencyHeader?: string,
): Promise<SendNotificationInput> {
  const unknown = Object.keys(body).filter((key) => !SEND_FIELDS.has(key));
  if (unknown.length)
    throw new BadUserInputError(
      `Unknown fields: ${unknown.join(', ')} (known: ${[...SEND_FIELDS].join(', ')})`,
      unknown,
    );
  const input = Object.assign(new SendNotificationInput(), {
    userId: body.user_id,
    title: body.title,
    message: body.message,
    category: oneOf(body.category, Category, 'category') ?? Category.SYSTEM,
    priority: oneOf(body.priority, Priority, 'priority') ?? Priority.MEDIUM,
    htmlContent: body.html_content ?? null,
    actionUrl: body.action_url ?? null,
    metadata: body.metadata ?? null,
    expiresAt: dateField(body.expires_at, 'expires_at'),
    sendAt: dateField(body.send_at, 'send_at'),
    // The body's idempotency_key, or the usual REST header (Idempotency-Key).
    idempotencyKey: body.idempotency_key ?? idempotencyHeader ?? null,
    channels: channelsOf(body),
  });
  for (const [field, value] of Object.entries({ user_id: input.userId, title: input.title, message: input.message }))
    if (typeof value !== 'string') throw new BadUserInputError(`${field} is required (a string)`, [field]);
  for (const field of ['html_content', 'action_url', 'idempotency_key'] as const)
    if (body[field] != null && typeof body[field] !== 'string')
      throw new BadUserInputError(`${field} must be a string`, [field]);
  if (input.metadata !== null && (typeof input.metadata !== 'object' || Array.isArray(input.metadata)))
    throw new BadUserInputError('metadata must be a JSON object', ['metadata']);
  const unsafe = findUnsafeText(input);
  if (unsafe) throw new BadUserInputError(`${toSnakeCase(unsafe.field)} ${unsafe.reason}`, [toSnakeCase(unsafe.field)]);
  const failures = await validate(input, { skipMissingProperties: true, forbidUnknownValues: false });
  if (failures.length) throw validationError(failures);
  return input;
}

function channelsOf(body: Record<string, unknown>): Channel[] | null {
  if (body.channels != null) {
    if (!Array.isArray(body.channels) || !body.channels.length)
      throw new BadUserInputError('channels must be a non-empty list of email, in_app, sms, push', ['channels']);
    return body.channels.map((channel) => oneOf(channel, Channel, 'channels')!);
  }
  const type = oneOf(body.type, Channel, 'type');
  return type ? [type] : null;
}

/** `value` when it is one of the enum's lower-case words (the seed's spelling); undefined when absent. */
function oneOf<E extends Record<string, string>>(value: unknown, values: E, field: string): E[keyof E] | undefined {
  if (value === undefined || value === null) return undefined;
  const allowed = Object.values(values);
  if (typeof value !== 'string' || !allowed.includes(value))
    throw new BadUserInputError(`${field} must be one of ${allowed.join(', ')}`, [field]);
  return value as E[keyof E];
}

function dateField(value: unknown, field: string): Date | null {
  if (value === undefined || value === null) return null;
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new BadUserInputError(`${field} must be an ISO 8601 date-time`, [field]);
  return date;
}

function validationError(failures: readonly ValidationError[]): BadUserInputError {
  const problems = failures.flatMap((failure) =>
    Object.values(failure.constraints ?? {}).map((text) => ({
      field: toSnakeCase(failure.property),
      message: text.replace(failure.property, toSnakeCase(failure.property)),
    })),
  );
  return new BadUserInputError(`Invalid input: ${problems.map((problem) => problem.message).join('; ')}`, [
    ...new Set(problems.map((problem) => problem.field)),
  ]);
}

import type { Request } from 'express';
import { BadUserInputError } from '../shared/errors.js';
import type { FieldNames } from './rest-errors.js';
import { requiredParam } from './rest-inputs.js';

/** One of the seed's event endpoints: the named event it triggers, and its query parameters as the event's data. */
export interface SeedEvent {
  /** The built-in event (see events/built-in-events.ts). */
  readonly event: string;
  /** The event's data, read from the query parameters (each required one is BAD_USER_INPUT naming it when absent). */
  data(req: Request): Record<string, unknown>;
  /** The query parameter behind each `data.x` field, for error messages. */
  readonly fieldNames: FieldNames;
}

/** `POST /api/notifications/events/{path}` → the built-in event, parameters as in the seed. */
export const SEED_EVENTS: ReadonlyMap<string, SeedEvent> = new Map(
  Object.entries({
    welcome: seedEvent('welcome', {}),
    verification: seedEvent('verification', { verification_code: 'code' }),
    'password-reset': seedEvent('password_reset', { reset_token: 'token' }),
    'security-alert': seedEvent('security_alert', { alert_type: 'alertType', details: 'details' }),
    billing: seedEvent('billing', { billing_type: 'type', amount: 'amount' }, (data) => {
      if (data.type !== 'success' && data.type !== 'failed')
        throw new BadUserInputError('billing_type must be "success" or "failed"', ['billing_type']);
    }),
  }),
);

/** `params`: query parameter → data field, all required. */
function seedEvent(
  event: string,
  params: Readonly<Record<string, string>>,
  check?: (data: Record<string, unknown>) => void,
): SeedEvent {
  const byField = new Map(Object.entries(params).map(([param, field]) => [`data.${field}`, param]));
  return {
    event,
    data(req) {
      const data = Object.fromEntries(
        Object.entries(params).map(([param, field]) => [field, requiredParam(req, param)]),
      );
      check?.(data);
      return data;
    },
    fieldNames: (field) => byField.get(field) ?? field,
  };
}

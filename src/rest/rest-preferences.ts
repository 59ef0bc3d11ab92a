import { PREFERENCE_FIELDS, type PreferenceField } from '../preferences/preference-fields.js';
import { BadUserInputError } from '../shared/errors.js';
import { toSnakeCase } from './rest-shapes.js';

/** `email_enabled` → `emailEnabled`, for every preference flag. */
const FLAG_OF = new Map<string, PreferenceField>(PREFERENCE_FIELDS.map((field) => [toSnakeCase(field), field]));

/**
 * The seed's `PUT /preferences/{user_id}` body (`{ "email_enabled": true, "email_marketing": false, … }`)
 * as the flags to change. Unknown keys and values that are not true/false are refused, naming them.
 */
export function preferencesBody(body: Record<string, unknown>): Partial<Record<PreferenceField, boolean>> {
  const unknown = Object.keys(body).filter((key) => !FLAG_OF.has(key));
  if (unknown.length)
    throw new BadUserInputError(
      `Unknown preference fields: ${unknown.join(', ')} (known: ${[...FLAG_OF.keys()].join(', ')})`,
      unknown,
    );
  const notBoolean = Object.keys(body).filter((key) => typeof body[key] !== 'boolean');
  if (notBoolean.length)
    throw new BadUserInputError(`Preference fields must be true or false: ${notBoolean.join(', ')}`, notBoolean);
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [FLAG_OF.get(key)!, value as boolean]));
}

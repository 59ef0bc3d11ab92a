import { BadUserInputError } from './errors.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws BAD_USER_INPUT naming `field` unless `id` is a UUID; returns it lower-cased. */
export function parseId(id: string, field = 'id'): string {
  if (!UUID.test(id))
    throw new BadUserInputError(`${field} is not a valid id (expected a UUID, got "${id.slice(0, 40)}")`, [field]);
  return id.toLowerCase();
}

import { BadUserInputError } from '../shared/errors.js';
import { UUID } from '../shared/ids.js';

/** A position in a user's inbox, which is ordered latest first by (inboxAt, id). */
export interface InboxPosition {
  readonly inboxAt: Date;
  readonly id: string;
}

/** Opaque to clients: base64url of the position, so the ordering can change without breaking them. */
export function encodeCursor(position: InboxPosition): string {
  return Buffer.from(`${position.inboxAt.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** Throws BAD_USER_INPUT naming `field` when the cursor was not produced by {@link encodeCursor}. */
export function decodeCursor(cursor: string, field = 'after'): InboxPosition {
  const [iso, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const inboxAt = new Date(iso ?? '');
  // A date outside years 1-9999 is no position PostgreSQL can compare against (it cannot even parse "+275760-…").
  const year = inboxAt.getUTCFullYear();
  if (extra !== undefined || !id || !UUID.test(id) || Number.isNaN(inboxAt.getTime()) || year < 1 || year > 9999) {
    throw new BadUserInputError(
      `${field} is not a valid cursor: pass an endCursor or edge cursor from an earlier page`,
      [field],
    );
  }
  return { inboxAt, id };
}

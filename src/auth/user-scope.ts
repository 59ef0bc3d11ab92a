import { BadUserInputError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Principal, ServicePrincipal } from './principal.js';

/**
 * The user an operation acts on. A service must name one; a user acts for themself, and
 * naming anyone else is FORBIDDEN.
 */
export function targetUserId(principal: Principal, userId: string | null | undefined, field = 'userId'): string {
  if (principal.kind === 'service') {
    if (!userId) throw new BadUserInputError(`${field} is required when calling with an API key`, [field]);
    return userId;
  }
  if (userId && userId !== principal.userId) {
    throw new ForbiddenError("A user token may only access its own user's data");
  }
  return principal.userId;
}

/**
 * Throws NOT_FOUND, exactly as for a missing `what` with this id, unless the caller may see
 * an item owned by `ownerId`: a service sees everything, a user token only its own. Not
 * FORBIDDEN, so that a user token cannot learn that another user's item exists.
 */
export function assertVisibleTo(principal: Principal, ownerId: string, what: string, id: string): void {
  if (principal.kind === 'user' && principal.userId !== ownerId) {
    throw new NotFoundError(what, id);
  }
}

export function assertService(principal: Principal, operation: string): asserts principal is ServicePrincipal {
  if (principal.kind !== 'service') {
    throw new ForbiddenError(`${operation} requires an API key`);
  }
}

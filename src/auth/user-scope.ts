import { BadUserInputError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { userIdProblem } from '../shared/input-hygiene.js';
import type { Principal, ServicePrincipal } from './principal.js';

/**
 * The user an operation acts on. A service must name one; a user acts for themself, and
 * naming anyone else is FORBIDDEN. A malformed userId (empty is "none") is BAD_USER_INPUT.
 */
export function targetUserId(principal: Principal, userId: string | null | undefined, field = 'userId'): string {
  // Every userId argument passes here (queries, mutations, subscription topics): one place for its shape.
  const problem = userId ? userIdProblem(userId) : undefined;
  if (problem) throw new BadUserInputError(`${field} ${problem}`, [field]);
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

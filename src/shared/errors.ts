import { GraphQLError } from 'graphql';

/**
 * The error codes Belfry sends in `extensions.code`; anything else is masked as internal.
 * SERVICE_UNAVAILABLE (HTTP 503): the database could not be reached; retry later.
 * RATE_LIMITED (HTTP 429, `extensions.retryAfter` seconds): the caller's operation limit is used up.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** No credentials, or credentials that are malformed, unknown or expired. */
export class UnauthenticatedError extends GraphQLError {
  constructor(
    message = 'Authentication required: send "Authorization: ApiKey <key>" or "Authorization: Bearer <user JWT>"',
  ) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** Valid credentials that may not touch what was asked for (another user's data, a service-only operation). */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} "${id}" was not found`, { extensions: { code: 'NOT_FOUND' } });
  }
}

/** Input the caller must fix; `fields` names every offending field (dotted paths). */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, fields: readonly string[]) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', fields: [...fields] } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'CONFLICT' } });
  }
}

/**
 * The caller used up its operations for the current window. Over HTTP the answer is 429 with
 * `Retry-After`; `extensions.retryAfter` carries the same seconds for WebSocket clients.
 */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfter: retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}

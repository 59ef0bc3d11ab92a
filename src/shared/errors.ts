import { GraphQLError } from 'graphql';

/**
 * The error codes Belfry sends in `extensions.code`; anything else is masked as internal.
 * SERVICE_UNAVAILABLE (HTTP 503): the database could not be reached; retry later.
 */
export const ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'SERVICE_UNAVAILABLE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** No credentials, or credentials that are malformed, unknown or expired. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Authentication required: send "Authorization: ApiKey <key>" or "Authorization: Bearer <user JWT>"') {
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

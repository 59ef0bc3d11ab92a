import type { ErrorRequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import type { Logger } from '../logger.js';
import { ERROR_CODES, type ErrorCode } from '../shared/errors.js';

/** The JSON body of every REST error: the same codes as GraphQL's `extensions.code`. */
export interface RestErrorBody {
  readonly code: ErrorCode | 'PAYLOAD_TOO_LARGE' | 'INTERNAL_SERVER_ERROR';
  readonly message: string;
  /** BAD_USER_INPUT: the query parameters, path segments or body fields (snake_case) to fix. */
  readonly fields?: readonly string[];
  /** RATE_LIMITED: seconds until the caller may retry (also the `Retry-After` header). */
  readonly retry_after?: number;
}

const STATUS: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};
const CODES = new Set<string>(ERROR_CODES);

/**
 * Renames the GraphQL layer's field names (camelCase input paths, `data.x` of template
 * data) to what the REST caller sent; the identity when a route does not rename.
 */
export type FieldNames = (field: string) => string;

/**
 * One place that turns whatever a route threw into `{ code, message, fields? }` with its
 * HTTP status: Belfry's domain errors keep their code, body-parser's refusals are 400/413,
 * an unreachable database is 503, anything else is logged and masked as a 500.
 */
export function restErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, body, retryAfter } = classify(
      error,
      res.locals.fieldNames as FieldNames | undefined,
      logger,
      req.path,
    );
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
    // A refused oversized body is not read to its end: the connection cannot carry another request.
    if (status === 413) res.setHeader('connection', 'close');
    res.status(status).json(body);
  };
}

function classify(
  error: unknown,
  fieldNames: FieldNames | undefined,
  logger: Logger,
  path: string,
): { status: number; body: RestErrorBody; retryAfter?: number } {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && CODES.has(error.extensions.code)) {
    const code = error.extensions.code as ErrorCode;
    const rename = fieldNames ?? ((field: string) => field);
    const fields = Array.isArray(error.extensions.fields)
      ? (error.extensions.fields as string[]).map(rename)
      : undefined;
    const retryAfter = typeof error.extensions.retryAfter === 'number' ? error.extensions.retryAfter : undefined;
    const message = fields ? renameIn(error.message, error.extensions.fields as string[], rename) : error.message;
    return {
      status: STATUS[code],
      body: {
        code,
        message,
        ...(fields ? { fields } : {}),
        ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
      },
      retryAfter,
    };
  }
  // body-parser (express.json): a body over the limit, or one that is not JSON.
  const parserError = (typeof error === 'object' && error !== null ? error : {}) as {
    type?: unknown;
    status?: unknown;
    message?: unknown;
    originalError?: unknown;
  };
  if (parserError.type === 'entity.too.large')
    return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body larger than 1048576 bytes' } };
  if (typeof parserError.type === 'string' && parserError.status === 400)
    return {
      status: 400,
      body: {
        code: 'BAD_USER_INPUT',
        message: `Request body is not valid JSON: ${String(parserError.message)}`,
        fields: ['body'],
      },
    };
  if (isDatabaseUnavailable(error) || isDatabaseUnavailable(parserError.originalError))
    return { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'The database is unreachable; retry later' } };
  logger.error({ err: error, path }, 'REST request failed');
  return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' } };
}

/** The message with each GraphQL field name replaced by the caller's name for it (where it appears as a word). */
function renameIn(message: string, fields: readonly string[], rename: FieldNames): string {
  let renamed = message;
  for (const field of [...fields].sort((a, b) => b.length - a.length)) {
    const replacement = rename(field);
    if (replacement === field) continue;
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    renamed = renamed.replace(new RegExp(`(?<![\\w.])${escaped}(?![\\w])`, 'g'), replacement);
  }
  return renamed;
}

import { GraphQLError, Kind, parse, visit, type ASTNode, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import type { Logger } from '../logger.js';
import { ERROR_CODES } from '../shared/errors.js';
import { variableErrorField } from './variable-error-field.js';

// Codes from the GraphQL layer itself that describe the request, safe to show as they are.
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
const DOMAIN_CODES = new Set<string>(ERROR_CODES);
const VALUE_KINDS = new Set<string>([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/**
 * Maps any error on its way to a client: domain errors and request errors pass with their
 * code; input-validation failures become BAD_USER_INPUT naming the fields; a database that
 * cannot be reached is SERVICE_UNAVAILABLE (HTTP 503, see serviceUnavailableStatus);
 * everything else is logged in full and masked as INTERNAL_SERVER_ERROR. Used for HTTP and
 * WebSocket alike.
 */
export function formatErrorForClient(error: GraphQLError, logger: Logger): GraphQLFormattedError {
  const code = error.extensions.code;
  const base = { locations: error.locations, path: error.path };

  const validationErrors = error.extensions.validationErrors as ValidationError[] | undefined;
  if (code === 'BAD_USER_INPUT' && Array.isArray(validationErrors)) {
    const problems = validationErrors.flatMap((failure) => flattenValidation(failure, ''));
    return {
      ...base,
      message: `Invalid input: ${problems.map((problem) => problem.message).join('; ')}`,
      extensions: { code: 'BAD_USER_INPUT', fields: problems.map((problem) => problem.field) },
    };
  }
  if (typeof code === 'string' && DOMAIN_CODES.has(code)) {
    const fields =
      error.extensions.fields ?? (code === 'BAD_USER_INPUT' ? asList(variableErrorField(error.message)) : undefined);
    const { retryAfter } = error.extensions;
    return {
      ...base,
      message: error.message,
      extensions: { code, ...(fields ? { fields } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) },
    };
  }
  const isDocumentError =
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    (code === undefined && !error.originalError && error.nodes !== undefined && error.path === undefined);
  if (isDocumentError) {
    const valueNode = error.nodes?.[0];
    const field =
      valueNode && VALUE_KINDS.has(valueNode.kind) && error.source
        ? inputPathOf(error.source.body, valueNode)
        : undefined;
    if (field) {
      return {
        ...base,
        message: `Invalid value for "${field}": ${error.message}`,
        extensions: { code: 'BAD_USER_INPUT', fields: [field] },
      };
    }
    return { ...base, message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  if (typeof code === 'string' && REQUEST_CODES.has(code)) {
    return { ...base, message: error.message, extensions: { code } };
  }
  if (isDatabaseUnavailable(error.originalError)) {
    // The outage itself is logged once by the connections that notice it; not once per request.
    logger.debug({ err: error.originalError, path: error.path }, 'operation failed: database unavailable');
    return {
      ...base,
      message: 'The database is unavailable; retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  logger.error({ err: error.originalError ?? error, path: error.path }, 'internal error while executing an operation');
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function flattenValidation(failure: ValidationError, prefix: string): { field: string; message: string }[] {
  const field = prefix ? `${prefix}.${failure.property}` : failure.property;
  const own = Object.values(failure.constraints ?? {}).map((message) => ({
    field,
    message: message.startsWith(failure.property)
      ? `${field}${message.slice(failure.property.length)}`
      : `${field}: ${message}`,
  }));
  return [...own, ...(failure.children ?? []).flatMap((child) => flattenValidation(child, field))];
}

/** The argument path (e.g. "input.category") of a literal value inside an operation. */
function inputPathOf(document: string, target: ASTNode): string | undefined {
  const path: string[] = [];
  let found: string | undefined;
  visit(parse(document), {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    enter(node) {
      if (found === undefined && node.kind === target.kind && node.loc?.start === target.loc?.start)
        found = path.join('.');
    },
  });
  return found || undefined;
}

function asList(field: string | undefined): string[] | undefined {
  return field === undefined ? undefined : [field];
}

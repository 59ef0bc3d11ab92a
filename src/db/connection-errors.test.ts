import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './connection-errors.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset socket', withCode('ECONNRESET', 'read ECONNRESET')],
    ['an unknown host', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND db')],
    [
      'admin_shutdown (pg_terminate_backend, fast shutdown)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['crash_shutdown', withCode('57P02')],
    ['cannot_connect_now (starting up)', withCode('57P03', 'the database system is starting up')],
    ['too_many_connections', withCode('53300', 'sorry, too many clients already')],
    ['connection_failure (08006)', withCode('08006')],
    ['protocol_violation (08P01)', withCode('08P01')],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg: terminated by a connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: acquire timeout', new Error('timeout exceeded when trying to connect')],
    [
      'pg: client not queryable after an error',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'a dual-stack connect failure (AggregateError)',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
    ],
  ])('recognizes %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('looks through wrappers: GraphQLError.originalError, cause, and MikroORM driver exceptions', () => {
    const driverException = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      name: 'DriverException',
      code: 'ECONNREFUSED',
    });
    expect(isDatabaseUnavailable(new GraphQLError('Unexpected error', { originalError: driverException }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('transaction failed', { cause: withCode('57P01') }))).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near "selec"')],
    ['a serialization failure (retry the transaction, not the connection)', withCode('40001')],
    ['a statement timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a value that is not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops on a cycle of causes', () => {
    const error = new Error('a') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

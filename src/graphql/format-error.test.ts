import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { formatErrorForClient } from './format-error.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { lines, logger: createLogger('info', sink) };
}

describe('formatErrorForClient: an unreachable database', () => {
  it('answers SERVICE_UNAVAILABLE without internals, and logs nothing per request', () => {
    const { lines, logger } = capture();
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const formatted = formatErrorForClient(
      new GraphQLError(refused.message, { originalError: refused, path: ['sendNotification'] }),
      logger,
    );
    expect(formatted).toEqual({
      message: 'The database is unavailable; retry shortly',
      path: ['sendNotification'],
      locations: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(lines).toEqual([]);
  });

  it('still masks and logs other failures as INTERNAL_SERVER_ERROR', () => {
    const { lines, logger } = capture();
    const formatted = formatErrorForClient(new GraphQLError('boom', { originalError: new TypeError('boom') }), logger);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(lines).toHaveLength(1);
  });
});

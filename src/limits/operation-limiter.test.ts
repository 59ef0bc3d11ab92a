import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { RateLimitedError } from '../shared/errors.js';
import { OperationLimiter, subjectOf } from './operation-limiter.js';

const logger = createLogger('silent');
const memory = { kind: 'pglite', dataDir: 'memory://' } as const;

describe('subjectOf', () => {
  it('fingerprints API keys and user ids, never carrying either', () => {
    const key = 'service-key-0123456789abcdef';
    const service = subjectOf({ kind: 'service' }, `ApiKey ${key}`);
    expect(service.kind).toBe('service');
    expect(service.id).toMatch(/^[0-9a-f]{32}$/);
    expect(subjectOf({ kind: 'service' }, `apikey   ${key} `)).toEqual(service);
    expect(subjectOf({ kind: 'service' }, 'ApiKey another-key-0123456789').id).not.toBe(service.id);

    const user = subjectOf({ kind: 'user', userId: 'alice' }, 'Bearer token-one');
    expect(user.id).not.toContain('alice');
    // Per user, whatever the token.
    expect(subjectOf({ kind: 'user', userId: 'alice' }, 'Bearer token-two')).toEqual(user);
  });
});

describe('OperationLimiter (memory store)', () => {
  it('refuses the operation after the limit with the seconds to wait', async () => {
    const limiter = OperationLimiter.create({ servicePerMinute: 0, userPerMinute: 2 }, memory, logger);
    const subject = subjectOf({ kind: 'user', userId: 'bob' }, 'Bearer x');
    await limiter.consume(subject);
    await limiter.consume(subject);
    const refused = await limiter.consume(subject).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).extensions).toMatchObject({ code: 'RATE_LIMITED', http: { status: 429 } });
    const seconds = (refused as RateLimitedError).extensions.retryAfter as number;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('counts nothing for a limit of 0', async () => {
    const limiter = OperationLimiter.create({ servicePerMinute: 0, userPerMinute: 1 }, memory, logger);
    const service = subjectOf({ kind: 'service' }, 'ApiKey service-key-0123456789abcdef');
    for (let i = 0; i < 100; i++) await limiter.consume(service);
  });
});

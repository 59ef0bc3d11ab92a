import { describe, expect, it } from 'vitest';
import type { ServicePrincipal } from '../auth/principal.js';
import { createLogger } from '../logger.js';
import { RateLimitedError } from '../shared/errors.js';
import { OperationLimiter } from './operation-limiter.js';

const logger = createLogger('silent');
const memory = { kind: 'pglite', dataDir: 'memory://' } as const;
const secretKey = Buffer.alloc(32, 9);
// The key id is irrelevant here: subjects are fingerprinted from the Authorization header's key.
const serviceCaller: ServicePrincipal = { kind: 'service', keyId: '000000000000' };
const create = (settings: { servicePerMinute: number; userPerMinute: number }) =>
  OperationLimiter.create(settings, memory, secretKey, logger);

describe('OperationLimiter.subjectOf', () => {
  const limiter = create({ servicePerMinute: 1, userPerMinute: 1 });

  it('fingerprints API keys and user ids under SECRET_KEY, never carrying either', () => {
    const subjectOf = limiter.subjectOf.bind(limiter);
    const key = 'service-key-0123456789abcdef';
    const service = subjectOf(serviceCaller, `ApiKey ${key}`);
    expect(service.kind).toBe('service');
    expect(service.id).toMatch(/^[0-9a-f]{32}$/);
    expect(subjectOf(serviceCaller, `apikey   ${key} `)).toEqual(service);
    expect(subjectOf(serviceCaller, 'ApiKey another-key-0123456789').id).not.toBe(service.id);

    const user = subjectOf({ kind: 'user', userId: 'alice' }, 'Bearer token-one');
    expect(user.id).not.toContain('alice');
    // Per user, whatever the token.
    expect(subjectOf({ kind: 'user', userId: 'alice' }, 'Bearer token-two')).toEqual(user);
    // Keyed: another SECRET_KEY gives another fingerprint, so the table cannot be matched against guessed keys.
    const other = OperationLimiter.create(
      { servicePerMinute: 1, userPerMinute: 1 },
      memory,
      Buffer.alloc(32, 1),
      logger,
    );
    expect(other.subjectOf(serviceCaller, `ApiKey ${key}`).id).not.toBe(service.id);
  });
});

describe('OperationLimiter (memory store)', () => {
  it('refuses the operation after the limit with the seconds to wait', async () => {
    const limiter = create({ servicePerMinute: 0, userPerMinute: 2 });
    const subject = limiter.subjectOf({ kind: 'user', userId: 'bob' }, 'Bearer x');
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
    const limiter = create({ servicePerMinute: 0, userPerMinute: 1 });
    const service = limiter.subjectOf(serviceCaller, 'ApiKey service-key-0123456789abcdef');
    for (let i = 0; i < 100; i++) await limiter.consume(service);
  });
});

import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { mayReadMetrics } from './metrics-route.js';
import { OperationNames } from './operation-names.js';

/** The two things mayReadMetrics reads of a request: the socket's address and the Authorization header. */
const request = (remoteAddress: string, authorization?: string) =>
  // A stand-in with just those two parts of an IncomingMessage.
  // eslint-disable-next-line no-restricted-syntax
  ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;

describe('who may read /metrics', () => {
  it('without a token: loopback connections only, whatever X-Forwarded-For says', () => {
    expect(mayReadMetrics(request('127.0.0.1'), undefined)).toBe(true);
    expect(mayReadMetrics(request('127.0.0.2'), undefined)).toBe(true);
    expect(mayReadMetrics(request('::1'), undefined)).toBe(true);
    expect(mayReadMetrics(request('::ffff:127.0.0.1'), undefined)).toBe(true);
    expect(mayReadMetrics(request('10.0.0.7'), undefined)).toBe(false);
    expect(mayReadMetrics(request('203.0.113.9'), undefined)).toBe(false);
    expect(mayReadMetrics(request('::ffff:203.0.113.9'), undefined)).toBe(false);
  });

  it('with a token: the bearer token from anywhere, nothing else even from loopback', () => {
    const token = 'metrics-token-0123456789';
    expect(mayReadMetrics(request('203.0.113.9', `Bearer ${token}`), token)).toBe(true);
    expect(mayReadMetrics(request('127.0.0.1'), token)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', `Bearer ${token}x`), token)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', token), token)).toBe(false);
  });
});

describe('operation names as labels', () => {
  it('keeps valid names, collapses unnamed and invalid ones, and stops growing after 200', () => {
    const names = new OperationNames();
    expect(names.label(undefined)).toBe('anonymous');
    expect(names.label('Bell')).toBe('Bell');
    expect(names.label('not a name')).toBe('invalid');
    for (let i = 0; i < 250; i++) names.label(`Op${i}`);
    expect(names.label('Bell')).toBe('Bell');
    expect(names.label('Op198')).toBe('Op198');
    expect(names.label('Op240')).toBe('other');
  });
});

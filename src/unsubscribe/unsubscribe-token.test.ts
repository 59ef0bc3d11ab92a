import { describe, expect, it } from 'vitest';
import { Category } from '../shared/enums.js';
import { signUnsubscribe, verifyUnsubscribe } from './unsubscribe-token.js';

const key = Buffer.alloc(32, 3);

describe('unsubscribe tokens', () => {
  it('round-trip a grant, and refuse another key, an altered payload or a malformed token', () => {
    const token = signUnsubscribe(key, { userId: 'u-1', category: Category.MARKETING });
    expect(verifyUnsubscribe(key, token)).toEqual({ userId: 'u-1', category: Category.MARKETING });
    expect(verifyUnsubscribe(Buffer.alloc(32, 4), token)).toBeNull();
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ u: 'u-2', c: 'marketing' })).toString('base64url');
    expect(verifyUnsubscribe(key, `${other}.${signature}`)).toBeNull();
    expect(verifyUnsubscribe(key, 'not-a-token')).toBeNull();
    expect(verifyUnsubscribe(key, `${token}.extra`)).toBeNull();
  });
});

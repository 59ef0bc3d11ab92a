import { describe, expect, it } from 'vitest';
import { originPolicy } from './origin-policy.js';

describe('originPolicy (ALLOWED_ORIGINS)', () => {
  it('a list allows exactly its origins, ignoring a trailing slash and case', () => {
    const policy = originPolicy(['https://app.example.com/', 'http://localhost:5173'], false);
    expect(policy.kind).toBe('list');
    expect(policy.allows('https://app.example.com')).toBe(true);
    expect(policy.allows('HTTPS://APP.EXAMPLE.COM')).toBe(true);
    expect(policy.allows('https://app.example.com:8443')).toBe(false);
    expect(policy.allows('http://app.example.com')).toBe(false);
    expect(policy.allows('http://localhost:3000')).toBe(false);
  });

  it('* allows every origin', () => {
    expect(originPolicy(['*'], true).allows('https://anything.example')).toBe(true);
  });

  it('unset allows local origins in development only', () => {
    const development = originPolicy(undefined, false);
    for (const origin of ['http://localhost', 'https://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000'])
      expect(development.allows(origin)).toBe(true);
    for (const origin of ['http://localhost.evil.example', 'http://127.0.0.2', 'file://', 'null'])
      expect(development.allows(origin)).toBe(false);
    expect(originPolicy(undefined, true).allows('http://localhost:5173')).toBe(false);
  });
});

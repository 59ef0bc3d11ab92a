import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, Sealer } from './sealer.js';
import { at } from '../shared/at.js';

describe('Sealer', () => {
  const sealer = new Sealer(randomBytes(32));

  it('round-trips a value and never shows it in the sealed text', () => {
    const sealed = sealer.seal({ subject: 'Your code', text: 'code 493817' });
    expect(sealed).not.toContain('493817');
    expect(sealer.open(sealed)).toEqual({ subject: 'Your code', text: 'code 493817' });
  });

  it('seals the same value differently each time', () => {
    expect(sealer.seal('x')).not.toBe(sealer.seal('x'));
  });

  it('refuses tampered text and another key', () => {
    const sealed = sealer.seal('secret');
    const parts = sealed.split('.');
    const flipped = Buffer.from(at(parts, 3, 'sealed part'), 'base64url');
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    expect(() => sealer.open([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new Sealer(randomBytes(32)).open(sealed)).toThrow();
  });

  it('parses a key from hex or base64url, and refuses the wrong length', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
    expect(parseSecretKey('short')).toBeUndefined();
  });
});

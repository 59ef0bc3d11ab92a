import { describe, expect, it } from 'vitest';
import {
  addressRange,
  assertPublicLiteral,
  isPublicAddress,
  NonPublicAddressError,
  publicOnlyLookup,
  resolvePublicAddresses,
  type Resolver,
} from './public-address.js';

describe('addressRange', () => {
  it.each([
    // IPv4
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    // IPv4 inside IPv6 is judged by the IPv4 address.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::8.8.8.8', 'unicast'],
    // Outside 2000::/3 nothing is public (ipaddr.js reads the deprecated ::a.b.c.d form as IPv4-mapped).
    ['::127.0.0.1', 'loopback'],
    ['100::1', 'discard'],
    ['4000::1', 'reserved'],
    // Tunnels that embed another address are refused outright.
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'teredo'],
    // Public
    ['8.8.8.8', 'unicast'],
    ['93.184.215.14', 'unicast'],
    ['172.32.0.1', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['2a00:1450:4001:80b::200a', 'unicast'],
    ['[2606:4700:4700::1111]', 'unicast'],
    // Not an address at all
    ['push.example', 'invalid'],
    ['', 'invalid'],
    ['127.1', 'invalid'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(range === 'unicast');
  });
});

describe('assertPublicLiteral', () => {
  it('refuses localhost names and private literals, and lets other names through to resolution', () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'push.localhost',
      '127.0.0.1',
      '[::1]',
      '10.0.0.1',
      '[::ffff:127.0.0.1]',
    ]) {
      expect(() => assertPublicLiteral(host), host).toThrow(NonPublicAddressError);
    }
    for (const host of ['push.example', '8.8.8.8', '[2606:4700:4700::1111]'])
      expect(() => assertPublicLiteral(host), host).not.toThrow();
  });
});

describe('resolvePublicAddresses', () => {
  const answers =
    (map: Record<string, string[]>): Resolver =>
    async (hostname) =>
      (map[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('returns the addresses when every one is public', async () => {
    const resolver = answers({ 'push.example': ['93.184.215.14', '2606:4700:4700::1111'] });
    expect(await resolvePublicAddresses('push.example', resolver)).toHaveLength(2);
  });

  it('refuses a host when any of its addresses is not public, without naming it', async () => {
    const resolver = answers({ 'rebind.example': ['93.184.215.14', '127.0.0.1'] });
    const error = await resolvePublicAddresses('rebind.example', resolver).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NonPublicAddressError);
    expect((error as NonPublicAddressError).range).toBe('loopback');
    expect((error as Error).message).not.toContain('127.0.0.1');
  });

  it('hands a socket exactly the checked addresses, honouring family and all', async () => {
    const lookup = publicOnlyLookup(
      answers({ 'push.example': ['93.184.215.14', '2606:4700:4700::1111'], 'inside.example': ['10.1.2.3'] }),
    );
    const call = (hostname: string, options: object) =>
      new Promise<unknown>((resolve) =>
        lookup(hostname, options, (error, address, family) =>
          resolve(error ? { error: error.code } : { address, family }),
        ),
      );
    expect(await call('push.example', {})).toEqual({ address: '93.184.215.14', family: 4 });
    expect(await call('push.example', { family: 6 })).toEqual({ address: '2606:4700:4700::1111', family: 6 });
    expect(await call('push.example', { all: true })).toEqual({
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700:4700::1111', family: 6 },
      ],
      family: undefined,
    });
    expect(await call('inside.example', {})).toEqual({ error: 'ENONPUBLIC' });
    expect(await call('localhost', { all: true })).toEqual({ error: 'ENONPUBLIC' });
  });
});

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

// Every outbound call Belfry makes to an address a user chose (Web Push endpoints today,
// webhooks later) goes only to public unicast addresses, so a user cannot make the server
// reach its own loopback, the cloud metadata service or the private network behind it.

/** IPv6 global unicast (2000::/3): everything else in IPv6 is special-purpose or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** The well-known NAT64 prefix (RFC 6052): the embedded IPv4 address decides. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * What kind of address `address` is: `'unicast'` for a public unicast address, else the
 * special range it falls in (`'loopback'`, `'private'`, `'linkLocal'`, `'uniqueLocal'`,
 * `'carrierGradeNat'`, `'reserved'`, …) or `'invalid'` when it is not an IP address.
 * IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses are judged by the
 * IPv4 address inside them.
 */
export function addressRange(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!isIP(bare)) return 'invalid';
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(bare);
  } catch {
    return 'invalid';
  }
  if (parsed.kind() === 'ipv4') return parsed.range();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range();
  if (v6.match(NAT64_WELL_KNOWN))
    return ipaddr.IPv4.parse(
      v6.parts
        .slice(6)
        .flatMap((part) => [part >> 8, part & 0xff])
        .join('.'),
    ).range();
  const range = v6.range();
  if (range === 'unicast' && !v6.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return range;
}

/** True only for a public unicast IPv4 or IPv6 address (see {@link addressRange}). */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/**
 * A host that must not be called: it is, or resolves to, an address that is not public.
 * The message never names the address (it would map the private network for the caller);
 * `range` says which kind it was, for logs.
 */
export class NonPublicAddressError extends Error {
  override name = 'NonPublicAddressError';
  readonly code = 'ENONPUBLIC';

  constructor(readonly range: string) {
    super('the host is not a public internet address');
  }
}

/** Names that always mean this machine (RFC 6761), refused without asking DNS. */
export function isLocalHostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Throws {@link NonPublicAddressError} when `hostname` is an IP literal that is not public, or a localhost name. */
export function assertPublicLiteral(hostname: string): void {
  if (isLocalHostName(hostname)) throw new NonPublicAddressError('loopback');
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (!isIP(bare)) return;
  const range = addressRange(bare);
  if (range !== 'unicast') throw new NonPublicAddressError(range);
}

/** Resolves every address of a host, as the system resolver (and so a connection) would. */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

/** Special-use names (RFC 6761) that never resolve on the internet: not worth a DNS query. */
const NEVER_RESOLVED = /\.(invalid|example|test)\.?$/i;

/** The system resolver (getaddrinfo, /etc/hosts included), every address. */
export const systemResolver: Resolver = (hostname) =>
  NEVER_RESOLVED.test(hostname)
    ? Promise.reject(
        Object.assign(new Error(`${hostname} is a special-use name that never resolves`), { code: 'ENOTFOUND' }),
      )
    : new Promise((resolve, reject) =>
        dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
          error ? reject(error) : resolve(addresses),
        ),
      );

/**
 * Resolves `hostname` once and returns its addresses if every one is public; throws
 * {@link NonPublicAddressError} if any is not (one private answer among public ones is
 * enough to refuse: the connection could pick it). Resolver errors pass through.
 */
export async function resolvePublicAddresses(
  hostname: string,
  resolver: Resolver = systemResolver,
): Promise<readonly LookupAddress[]> {
  assertPublicLiteral(hostname);
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare)) return [{ address: bare, family: isIP(bare) }];
  const addresses = await resolver(hostname);
  for (const { address } of addresses) {
    const range = addressRange(address);
    if (range !== 'unicast') throw new NonPublicAddressError(range);
  }
  return addresses;
}

/**
 * A `lookup` for `net`/`https` agents that connects only to public addresses: it resolves
 * once, checks every address, and hands the socket exactly the addresses it checked, so
 * a DNS answer that changes between check and connect (DNS rebinding) cannot slip through.
 * Node skips `lookup` for IP literals: check those with {@link assertPublicLiteral} first.
 */
export function publicOnlyLookup(resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolvePublicAddresses(hostname, resolver).then(
      (resolved) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? resolved.filter((one) => one.family === options.family)
            : resolved;
        const [first] = wanted;
        if (!first) {
          callback(
            Object.assign(new Error(`no IPv${options.family} address for the host`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        } else if (options.all) {
          callback(null, [...wanted]);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0),
    );
  };
}

import { NonPublicAddressError, resolvePublicAddresses, systemResolver, type Resolver } from '../net/public-address.js';
import { BadUserInputError } from '../shared/errors.js';

export interface EndpointCheckOptions {
  /** `PUSH_ALLOW_PRIVATE_ENDPOINTS`: accept endpoints on private addresses (tests only). */
  readonly allowPrivate: boolean;
  readonly resolver?: Resolver;
  /** How long to wait for DNS before accepting the endpoint anyway (the send checks again). */
  readonly resolveTimeoutMs?: number;
}

const NOT_PUBLIC =
  'token must be a Web Push endpoint on the public internet (loopback, private and link-local addresses are refused)';

/**
 * Throws BAD_USER_INPUT on `token` unless it is an https URL whose host is, and resolves
 * only to, public addresses. A host that does not resolve now (DNS down, slow) is accepted:
 * every send resolves and checks it again before connecting, so nothing is lost by waiting.
 */
export async function assertWebPushEndpoint(token: string, options: EndpointCheckOptions): Promise<void> {
  let url: URL;
  try {
    url = new URL(token);
  } catch {
    throw new BadUserInputError('token must be the https endpoint of the Web Push subscription', ['token']);
  }
  if (url.protocol !== 'https:' || !url.hostname || /\s/.test(token)) {
    throw new BadUserInputError('token must be the https endpoint of the Web Push subscription', ['token']);
  }
  if (options.allowPrivate) return;
  const resolver = options.resolver ?? systemResolver;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), options.resolveTimeoutMs ?? 2_000)),
  );
  try {
    await Promise.race([resolvePublicAddresses(url.hostname, resolver), timeout]);
  } catch (error) {
    if (error instanceof NonPublicAddressError) throw new BadUserInputError(NOT_PUBLIC, ['token']);
    // Not resolvable right now: accepted, see above.
  } finally {
    clearTimeout(timer);
  }
}

import { redactAddresses } from '../net/redact-addresses.js';

/**
 * Why a send failed, and what to do about it.
 * - `retryable`: try again later (network errors, timeouts, 429, 5xx).
 * - `failover`: this backend cannot send at all right now (unreachable, credentials
 *   rejected): move on to the next backend at once.
 * - `targetGone`: the push target no longer exists (Web Push 404/410, FCM UNREGISTERED,
 *   APNs 410/BadDeviceToken): disable it, never retry it.
 * Anything else is permanent: the delivery fails at once.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly code: string;
  readonly retryable: boolean;
  readonly failover: boolean;
  readonly targetGone: boolean;

  constructor(code: string, message: string, options: { retryable?: boolean; failover?: boolean; targetGone?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.failover = options.failover ?? false;
    this.targetGone = options.targetGone ?? false;
  }
}

/** Classifies an HTTP status from a provider API. */
export function errorForStatus(status: number, detail: string): DeliveryError {
  const message = `HTTP ${status}: ${detail}`.slice(0, 1000);
  if (status === 429 || status === 408 || status >= 500) return new DeliveryError(`http_${status}`, message, { retryable: true });
  if (status === 401 || status === 403) return new DeliveryError('credentials_rejected', message, { failover: true });
  return new DeliveryError(`http_${status}`, message);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_GOAWAY_SESSION']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

// What a network failure is called where users can read it (deliveries.lastError): the
// library's own message names the address and port ("connect ECONNREFUSED 127.0.0.1:4207").
const NETWORK_PHRASES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  ESOCKETTIMEDOUT: 'connection timed out',
  ECONNABORTED: 'connection aborted',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** Turns anything a client library threw into a DeliveryError; its message never names a network address. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = networkCode(error);
  const message = redactAddresses(error instanceof Error ? error.message : String(error));
  const phrase = code ? (NETWORK_PHRASES[code] ?? `network error (${code})`) : '';
  if (code && UNREACHABLE_CODES.has(code)) return new DeliveryError('unreachable', phrase, { retryable: true, failover: true, cause: error });
  if (code) return new DeliveryError('network', phrase, { retryable: true, cause: error });
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new DeliveryError('timeout', message, { retryable: true, cause: error });
  }
  return new DeliveryError('unexpected', message, { retryable: true, cause: error });
}

function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

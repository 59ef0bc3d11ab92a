import { redactAddresses } from '../net/redact-addresses.js';

/**
 * Why a send failed, and what to do about it.
 * - `retryable`: try again later (network errors, timeouts, 429, 5xx).
 * - `failover`: this provider cannot send at all right now (unreachable, credentials
 *   rejected): move on to the next provider's transport at once.
 * - `targetGone`: the push target no longer exists (Web Push 404/410, FCM UNREGISTERED,
 *   APNs 410/BadDeviceToken): disable it, never retry it.
 * Anything else is permanent: the delivery fails at once.
 */
export class SendError extends Error {
  override name = 'SendError';
  readonly code: string;
  readonly retryable: boolean;
  readonly failover: boolean;
  readonly targetGone: boolean;

  constructor(
    code: string,
    message: string,
    options: { retryable?: boolean; failover?: boolean; targetGone?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.failover = options.failover ?? false;
    this.targetGone = options.targetGone ?? false;
  }
}

/** Classifies an HTTP status from a provider API. */
export function errorForStatus(status: number, detail: string): SendError {
  const message = `HTTP ${status}: ${detail}`.slice(0, 1000);
  if (status === 429 || status === 408 || status >= 500)
    return new SendError(`http_${status}`, message, { retryable: true });
  if (status === 401 || status === 403) return new SendError('credentials_rejected', message, { failover: true });
  return new SendError(`http_${status}`, message);
}

/** Error codes for a provider that did not answer in time (Node, undici, axios). */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/** Error codes Node, undici, axios and http2 use for a provider that could not be reached or answer in time. */
const NETWORK_CODES = new Set([
  ...TIMEOUT_CODES,
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL',
]);

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
  ECONNABORTED: 'no answer in time',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'no answer in time',
  ERR_HTTP2_STREAM_CANCEL: 'no answer',
};

/** The network error code carried by `error` or its causes, if it is one. */
export function networkCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True for a code in {@link networkCodeOf}'s list: some clients (mailgun.js) report it where an HTTP detail belongs. */
export function isNetworkCode(code: unknown): code is string {
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/**
 * A provider that could not be reached or did not answer in time. Another provider may well
 * be up, so this fails over at once; the queue retries the whole job later if none is.
 */
export function unreachable(code: string, cause?: unknown): SendError {
  // The message names the kind of failure only: addresses and ports stay in the logs.
  const phrase = NETWORK_PHRASES[code] ?? `network error (${code})`;
  return new SendError(TIMEOUT_CODES.has(code) ? 'timeout' : 'unreachable', phrase, {
    retryable: true,
    failover: true,
    cause,
  });
}

/** Turns anything a client library threw into a SendError; its message never names a network address. */
export function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const code = networkCodeOf(error);
  if (code) return unreachable(code, error);
  const message = redactAddresses(error instanceof Error ? error.message : String(error));
  // AbortSignal.timeout (fetch), and web-push's own socket timeout, which carries no code.
  if (
    error instanceof Error &&
    (error.name === 'AbortError' || error.name === 'TimeoutError' || /\bsocket timeout\b/i.test(message))
  ) {
    return unreachable('ETIMEDOUT', error);
  }
  return new SendError('unexpected', message, { retryable: true, cause: error });
}

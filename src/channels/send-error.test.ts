import { describe, expect, it } from 'vitest';
import { SendError, errorForStatus, isNetworkCode, networkCodeOf, toSendError, unreachable } from './send-error.js';

/** The classification a delivery acts on, without the message. */
const kind = (error: SendError) => ({
  code: error.code,
  retryable: error.retryable,
  failover: error.failover,
  targetGone: error.targetGone,
});

/** An error as Node's net module or undici raises it. */
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('errorForStatus', () => {
  it.each([429, 408, 500, 502, 503, 504])('makes HTTP %i retryable on the same provider', (status) => {
    expect(kind(errorForStatus(status, 'busy'))).toEqual({
      code: `http_${status}`,
      retryable: true,
      failover: false,
      targetGone: false,
    });
  });

  it.each([401, 403])('makes HTTP %i (credentials rejected) fail over to the next provider, not retry', (status) => {
    expect(kind(errorForStatus(status, 'forbidden'))).toEqual({
      code: 'credentials_rejected',
      retryable: false,
      failover: true,
      targetGone: false,
    });
  });

  it.each([400, 404, 410, 413, 422])('makes any other HTTP %i permanent', (status) => {
    expect(kind(errorForStatus(status, 'rejected'))).toEqual({
      code: `http_${status}`,
      retryable: false,
      failover: false,
      targetGone: false,
    });
  });

  it('names the status and detail, cut to 1000 characters', () => {
    expect(errorForStatus(400, 'bad recipient').message).toBe('HTTP 400: bad recipient');
    expect(errorForStatus(400, 'x'.repeat(5_000)).message).toHaveLength(1000);
  });
});

describe('unreachable', () => {
  it('fails over and retries, calling a timeout a timeout', () => {
    expect(kind(unreachable('ECONNREFUSED'))).toEqual({
      code: 'unreachable',
      retryable: true,
      failover: true,
      targetGone: false,
    });
    for (const code of [
      'ETIMEDOUT',
      'ESOCKETTIMEDOUT',
      'ECONNABORTED',
      'UND_ERR_CONNECT_TIMEOUT',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT',
    ]) {
      expect(kind(unreachable(code)), code).toEqual({
        code: 'timeout',
        retryable: true,
        failover: true,
        targetGone: false,
      });
    }
  });

  it('says what happened in words, never an address; an unknown code is named as it is', () => {
    expect(unreachable('ECONNREFUSED').message).toBe('connection refused');
    expect(unreachable('ENOTFOUND').message).toBe('host not found');
    expect(unreachable('UND_ERR_SOCKET').message).toBe('network error (UND_ERR_SOCKET)');
  });

  it('keeps the original error as the cause, for the logs', () => {
    const cause = systemError('ECONNRESET', 'read ECONNRESET');
    expect(unreachable('ECONNRESET', cause).cause).toBe(cause);
  });
});

describe('networkCodeOf and isNetworkCode', () => {
  it('finds a network code on the error or up to five causes deep', () => {
    expect(networkCodeOf(systemError('ECONNREFUSED', 'x'))).toBe('ECONNREFUSED');
    // fetch wraps the socket error: TypeError('fetch failed', { cause }).
    expect(networkCodeOf(new TypeError('fetch failed', { cause: systemError('UND_ERR_CONNECT_TIMEOUT', 'x') }))).toBe(
      'UND_ERR_CONNECT_TIMEOUT',
    );
    let deep: unknown = systemError('EPIPE', 'x');
    for (let i = 0; i < 4; i++) deep = new Error('wrapped', { cause: deep });
    expect(networkCodeOf(deep)).toBe('EPIPE');
    expect(networkCodeOf(new Error('wrapped', { cause: deep }))).toBeUndefined();
  });

  it('ignores codes that are no network failure, and values that are no error', () => {
    expect(networkCodeOf(systemError('ERR_INVALID_ARG_TYPE', 'x'))).toBeUndefined();
    expect(networkCodeOf(null)).toBeUndefined();
    expect(networkCodeOf('ECONNREFUSED')).toBeUndefined();
    expect(isNetworkCode('ENOTFOUND')).toBe(true);
    expect(isNetworkCode('EACCES')).toBe(false);
    expect(isNetworkCode(404)).toBe(false);
  });
});

describe('toSendError', () => {
  it('passes a SendError through unchanged', () => {
    const original = new SendError('push_gone', 'gone', { targetGone: true });
    expect(toSendError(original)).toBe(original);
  });

  it('treats a connection failure, however deeply wrapped, as unreachable, and drops the address from the message', () => {
    const refused = new TypeError('fetch failed', {
      cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.1.2.3:4207'),
    });
    const error = toSendError(refused);
    expect(kind(error)).toEqual({ code: 'unreachable', retryable: true, failover: true, targetGone: false });
    expect(error.message).toBe('connection refused');
    expect(error.cause).toBe(refused);
  });

  it.each([
    ['AbortError', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })],
    ['TimeoutError', new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
    ["web-push's socket timeout", new Error('Socket timeout')],
  ])('treats %s as a timeout', (_name, thrown) => {
    expect(kind(toSendError(thrown))).toEqual({ code: 'timeout', retryable: true, failover: true, targetGone: false });
  });

  it('makes anything else unexpected and retryable, with every address redacted', () => {
    const error = toSendError(new Error('bad answer from 192.168.7.9:8443 via [fe80::1]:443'));
    expect(kind(error)).toEqual({ code: 'unexpected', retryable: true, failover: false, targetGone: false });
    expect(error.message).toBe('bad answer from [address] via [address]');
    expect(toSendError('plain string from 10.0.0.1').message).toBe('plain string from [address]');
  });
});

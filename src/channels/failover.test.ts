import { describe, expect, it } from 'vitest';
import { backoffMs, sendWithFailover } from './failover.js';
import { SendError } from './send-error.js';

const policy = { attemptsPerBackend: 2, retryDelayMs: 1 };
const signal = new AbortController().signal;

/** A transport that answers with the scripted outcomes in turn. */
function scripted(name: string, outcomes: (string | SendError)[]) {
  const calls: number[] = [];
  return {
    name,
    calls,
    send: async () => {
      calls.push(1);
      const next = outcomes.shift();
      if (next instanceof SendError) throw next;
      return next ?? 'ok';
    },
  };
}

describe('sendWithFailover', () => {
  it('retries a retryable failure on the same backend, then succeeds', async () => {
    const primary = scripted('primary', [new SendError('http_503', '503', { retryable: true }), 'id-1']);
    const outcome = await sendWithFailover([primary], (transport) => transport.send(), policy, signal);
    expect(outcome).toMatchObject({ ok: true, transport: primary, result: 'id-1', attempts: 2 });
  });

  it('fails over when the primary keeps failing retryably', async () => {
    const primary = scripted('primary', [
      new SendError('http_503', '503', { retryable: true }),
      new SendError('http_503', '503', { retryable: true }),
    ]);
    const secondary = scripted('secondary', ['id-2']);
    const outcome = await sendWithFailover([primary, secondary], (transport) => transport.send(), policy, signal);
    expect(outcome).toMatchObject({ ok: true, transport: secondary, attempts: 3 });
  });

  it('moves on at once from an unreachable backend', async () => {
    const primary = scripted('primary', [
      new SendError('unreachable', 'ECONNREFUSED', { retryable: true, failover: true }),
    ]);
    const secondary = scripted('secondary', ['id-2']);
    const outcome = await sendWithFailover([primary, secondary], (transport) => transport.send(), policy, signal);
    expect(outcome).toMatchObject({ ok: true, transport: secondary, attempts: 2 });
    expect(primary.calls).toHaveLength(1);
  });

  it('stops at a permanent error without trying other backends', async () => {
    const primary = scripted('primary', [new SendError('http_400', 'invalid address')]);
    const secondary = scripted('secondary', ['never']);
    const outcome = await sendWithFailover([primary, secondary], (transport) => transport.send(), policy, signal);
    expect(outcome).toMatchObject({
      ok: false,
      transport: primary,
      attempts: 1,
      error: { code: 'http_400', retryable: false },
    });
    expect(secondary.calls).toHaveLength(0);
  });

  it('reports the last retryable error when every backend is used up', async () => {
    const retryable = () => new SendError('http_429', '429', { retryable: true });
    const outcome = await sendWithFailover(
      [scripted('a', [retryable(), retryable()]), scripted('b', [retryable(), retryable()])],
      (transport) => transport.send(),
      policy,
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 4, error: { code: 'http_429', retryable: true } });
  });

  it('backs off exponentially with jitter', () => {
    for (let call = 0; call < 5; call++) {
      const delay = backoffMs(100, call);
      expect(delay).toBeGreaterThanOrEqual(50 * 2 ** call);
      expect(delay).toBeLessThanOrEqual(100 * 2 ** call);
    }
  });
});

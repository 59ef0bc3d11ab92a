import { describe, expect, it } from 'vitest';
import { Priority, PushTargetKind } from '../shared/enums.js';
import type { PushDestination, PushResult, PushTransport } from './ports.js';
import { PushChannel } from './push.channel.js';
import { SendError } from './send-error.js';

const signal = new AbortController().signal;
const delivery = {
  id: 'd-1',
  notificationId: 'n-1',
  userId: 'u-1',
  priority: Priority.HIGH,
  email: null,
  phone: null,
  expiresAt: null,
};
const content = { title: 'T', body: 'B' };
const fcm = (id: string, token = id) => ({ id, token, kind: PushTargetKind.FCM });

/** A transport answering each call with the next scripted verdict per target (default: accepted). */
function scripted(name: string, script: Record<string, SendError>[]) {
  const calls: { at: number; targets: string[] }[] = [];
  const transport: PushTransport = {
    name,
    kind: PushTargetKind.FCM,
    send: async (destinations: readonly PushDestination[]): Promise<PushResult[]> => {
      calls.push({ at: performance.now(), targets: destinations.map((destination) => destination.id) });
      const verdicts = script.shift() ?? {};
      return destinations.map((destination) => {
        const error = verdicts[destination.id];
        return error
          ? { targetId: destination.id, ok: false, error }
          : { targetId: destination.id, ok: true, providerMessageId: `${name}-${destination.id}` };
      });
    },
  };
  return { transport, calls };
}

const busy = () => new SendError('http_503', 'busy', { retryable: true });

describe('PushChannel', () => {
  it('retries only the targets that failed retryably, after a pause, on the same transport', async () => {
    const primary = scripted('fcm', [{ b: busy() }]);
    const channel = new PushChannel(new Map([[PushTargetKind.FCM, [primary.transport]]]), {
      attemptsPerBackend: 2,
      retryDelayMs: 40,
    });
    const outcome = await channel.send(delivery, content, [fcm('a'), fcm('b')], signal);
    expect(outcome).toMatchObject({ ok: true, provider: 'fcm', attempts: 2 });
    expect(primary.calls.map((call) => call.targets)).toEqual([['a', 'b'], ['b']]);
    // Backoff with jitter: at least half the base delay between the two calls.
    expect(primary.calls[1]!.at - primary.calls[0]!.at).toBeGreaterThanOrEqual(19);
    expect([...outcome.reached].sort()).toEqual(['a', 'b']);
  });

  it('moves the failing targets to the next transport at once when one cannot send', async () => {
    const rejected = new SendError('credentials_rejected', 'HTTP 401', { failover: true });
    const primary = scripted('primary', [{ a: rejected }]);
    const secondary = scripted('secondary', []);
    const channel = new PushChannel(new Map([[PushTargetKind.FCM, [primary.transport, secondary.transport]]]), {
      attemptsPerBackend: 3,
      retryDelayMs: 10_000,
    });
    const outcome = await channel.send(delivery, content, [fcm('a')], signal);
    expect(outcome).toMatchObject({ ok: true, provider: 'secondary', providerMessageId: 'secondary-a', attempts: 2 });
    expect(primary.calls).toHaveLength(1);
  });

  it('reports dead targets and fails with the retryable error when nothing was accepted', async () => {
    const gone = new SendError('target_gone', 'UNREGISTERED', { targetGone: true });
    const primary = scripted('fcm', [{ dead: gone, b: busy() }, { b: busy() }]);
    const channel = new PushChannel(new Map([[PushTargetKind.FCM, [primary.transport]]]), {
      attemptsPerBackend: 2,
      retryDelayMs: 1,
    });
    const outcome = await channel.send(delivery, content, [fcm('dead'), fcm('b')], signal);
    expect(outcome).toMatchObject({
      ok: false,
      provider: null,
      attempts: 2,
      error: { code: 'http_503', retryable: true },
    });
    expect([...outcome.gone.keys()]).toEqual(['dead']);
    expect(outcome.reached.size).toBe(0);
  });

  it('checks expiry before every provider call', async () => {
    const expiresAt = new Date(Date.now() + 30);
    const primary = scripted('fcm', [{ a: busy() }]);
    const channel = new PushChannel(new Map([[PushTargetKind.FCM, [primary.transport]]]), {
      attemptsPerBackend: 2,
      retryDelayMs: 200,
    });
    const outcome = await channel.send({ ...delivery, expiresAt }, content, [fcm('a')], signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(primary.calls).toHaveLength(1);
  });

  it('is skipped as no_provider when no transport serves the targets, and fails with no_push_target without targets', async () => {
    const channel = new PushChannel(new Map(), { attemptsPerBackend: 2, retryDelayMs: 1 });
    expect(await channel.send(delivery, content, [fcm('a')], signal)).toMatchObject({
      ok: false,
      error: { code: 'no_provider' },
    });
    expect(await channel.send(delivery, content, [], signal)).toMatchObject({
      ok: false,
      error: { code: 'no_push_target' },
    });
  });
});

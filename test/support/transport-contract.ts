import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError } from '../../src/channels/send-error.js';

/** What one send through an adapter came to: its receipt, or the error it reported. */
export type Attempt =
  { readonly ok: true; readonly providerMessageId: string | null } | { readonly ok: false; readonly error: SendError };

/** One adapter, built by a {@link ContractSubject}, ready to send one fixed message. */
export interface AdapterUnderTest {
  send(signal: AbortSignal): Promise<Attempt>;
  close(): Promise<void>;
}

/** The answer a fake gives next, held back until `release` resolves (calling `arrived` when the request got there). */
export interface ScriptedAnswer {
  readonly status: number;
  readonly release?: Promise<void>;
  readonly arrived?: () => void;
}

/**
 * One adapter of a channel and its local protocol fake: an entry of the channel's contract
 * suite. A new adapter is done when its entry passes.
 */
export interface ContractSubject {
  readonly name: string;
  /**
   * How the provider answers, i.e. which failure cases apply: `http` (429/5xx, 401/403, other
   * 4xx), `smtp` (reply codes: 4xx transient, 5xx permanent, rejected AUTH), or `none` (the log
   * backend: no provider, so only the success, abort and close cases).
   */
  readonly protocol: 'http' | 'smtp' | 'none';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** An adapter talking to the fake, or, given `base` (host:port, the subject adds its scheme), to that address instead. */
  open(options?: { base?: string; timeoutMs?: number }): AdapterUnderTest;
  /** Makes the fake give `answer` to the next send (HTTP status, or SMTP reply code). */
  answer(answer: ScriptedAnswer): void;
  /** SMTP: an adapter whose credentials the server rejects. */
  openWithWrongCredentials?(): AdapterUnderTest;
}

/** Email and SMS adapters reject with a SendError; the receipt otherwise. */
export async function settle(sending: Promise<{ providerMessageId: string | null }>): Promise<Attempt> {
  try {
    return { ok: true, providerMessageId: (await sending).providerMessageId };
  } catch (error) {
    expect(error).toBeInstanceOf(SendError);
    return { ok: false, error: error as SendError };
  }
}

/** Push adapters resolve with one result per target (here: one target). */
export async function settlePush(
  sending: Promise<readonly ({ ok: true; providerMessageId: string | null } | { ok: false; error: SendError })[]>,
): Promise<Attempt> {
  const results = await sending;
  expect(results).toHaveLength(1);
  const [result] = results;
  return result!.ok ? { ok: true, providerMessageId: result!.providerMessageId } : { ok: false, error: result!.error };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const NETWORK_TIMEOUT_MS = 300;
const neverAborted = new AbortController().signal;

async function failureOf(adapter: AdapterUnderTest, signal = neverAborted): Promise<SendError> {
  try {
    const attempt = await adapter.send(signal);
    if (attempt.ok) throw new Error('the provider unexpectedly accepted the message');
    return attempt.error;
  } finally {
    await adapter.close();
  }
}

/**
 * The contract every transport of a channel keeps, run over all of its adapters: a receipt
 * on success; 429 and 5xx → retryable; 401/403 → failover; other 4xx → permanent; connection
 * refused, DNS failure and timeout → failover (retryable later, naming no address); an aborted
 * signal settles (rejects, or a failed result for push) within 1 s; close() twice is harmless.
 */
export function transportContract(channel: string, subjects: readonly ContractSubject[]): void {
  describe.each(subjects.map((subject) => [subject.name, subject] as const))(
    `%s ${channel} transport`,
    (_name, subject) => {
      beforeAll(() => subject.start());
      afterAll(() => subject.stop());

      it('returns a receipt naming the provider message on success', async () => {
        const adapter = subject.open();
        const attempt = await adapter.send(neverAborted);
        await adapter.close();
        expect(attempt).toEqual({ ok: true, providerMessageId: expect.stringMatching(/\S/) });
      });

      it('settles within 1 s once the signal aborts', async () => {
        const adapter = subject.open({ timeoutMs: 20_000 });
        const held = deferred();
        const arrived = deferred();
        const controller = new AbortController();
        // The log backend has no provider to wait for: its signal is aborted before the call.
        if (subject.protocol === 'none') controller.abort();
        else
          subject.answer({
            status: subject.protocol === 'smtp' ? 451 : 503,
            release: held.promise,
            arrived: arrived.resolve,
          });
        try {
          const sending = adapter.send(controller.signal);
          if (subject.protocol !== 'none') await arrived.promise;
          const abortedAt = performance.now();
          controller.abort();
          const attempt = await sending;
          expect(performance.now() - abortedAt).toBeLessThan(1_000);
          expect(attempt.ok).toBe(false);
        } finally {
          held.resolve();
          await adapter.close();
        }
      });

      it('can be closed twice', async () => {
        const adapter = subject.open();
        await adapter.send(neverAborted);
        await adapter.close();
        await adapter.close();
      });

      // Only the cases that apply to the subject's protocol are registered (none are skipped).
      if (subject.protocol === 'http')
        describe('HTTP answers', () => {
          it.each([429, 500, 503])('%i is retryable on the same provider', async (status) => {
            subject.answer({ status });
            expect(await failureOf(subject.open())).toMatchObject({
              retryable: true,
              failover: false,
              targetGone: false,
            });
          });

          it.each([401, 403])('%i (credentials rejected) fails over to the next provider', async (status) => {
            subject.answer({ status });
            expect(await failureOf(subject.open())).toMatchObject({
              failover: true,
              retryable: false,
              targetGone: false,
            });
          });

          it.each([400, 413])('%i is permanent', async (status) => {
            subject.answer({ status });
            expect(await failureOf(subject.open())).toMatchObject({
              failover: false,
              retryable: false,
              targetGone: false,
            });
          });
        });

      if (subject.protocol === 'smtp')
        describe('SMTP replies', () => {
          it.each([421, 451, 452])('%i (transient) is retryable', async (status) => {
            subject.answer({ status });
            expect(await failureOf(subject.open())).toMatchObject({
              code: `smtp_${status}`,
              retryable: true,
              failover: false,
            });
          });

          it.each([550, 554])('%i is permanent', async (status) => {
            subject.answer({ status });
            expect(await failureOf(subject.open())).toMatchObject({
              code: `smtp_${status}`,
              retryable: false,
              failover: false,
            });
          });

          it('rejected credentials fail over to the next provider', async () => {
            expect(await failureOf(subject.openWithWrongCredentials!())).toMatchObject({
              code: 'credentials_rejected',
              failover: true,
              retryable: false,
            });
          });
        });

      if (subject.protocol !== 'none')
        describe('a provider that cannot be reached', () => {
          const network = unreachableProviders();
          it.each(['refused', 'dns', 'timeout'] as const)(
            'fails over at once (%s), retryable later, naming no address',
            async (where) => {
              const error = await failureOf(subject.open({ base: network.base(where), timeoutMs: NETWORK_TIMEOUT_MS }));
              expect(error).toMatchObject({ failover: true, retryable: true, targetGone: false });
              expect(error.code).toBe(where === 'timeout' ? 'timeout' : 'unreachable');
              // Errors end up in deliveries.lastError, which users and dashboards read.
              expect(error.message).not.toMatch(/127\.0\.0\.1|:\d{2,5}\b/);
            },
          );
        });
    },
  );
}

/**
 * A port nothing listens on (refused), a host name that never resolves (dns), and a TCP
 * server that accepts and never says a word (timeout), for the describe block it is called in.
 */
export function unreachableProviders() {
  let silent: Server;
  const sockets = new Set<Socket>();
  let closedPort = 0;
  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  return {
    /** scheme-less `host:port`, prefixed by the caller's scheme. */
    base(where: 'refused' | 'dns' | 'timeout'): string {
      if (where === 'dns') return 'belfry-test-host.invalid:443';
      return `127.0.0.1:${where === 'refused' ? closedPort : (silent.address() as AddressInfo).port}`;
    },
  };
}

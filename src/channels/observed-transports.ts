import type { ChannelTransports } from './transports.js';
import { toSendError } from './send-error.js';

/** One call to a provider, as whoever observes them (metrics) is told of it. */
export interface ProviderCall {
  readonly channel: 'email' | 'sms' | 'push';
  /** The configured backend's name. */
  readonly backend: string;
  readonly seconds: number;
  /** `ok`, or the send error's code (`http_503`, `timeout`, `credentials_rejected`, …). */
  readonly outcome: string;
}

export type ProviderCallObserver = (call: ProviderCall) => void;

/** Times `send` and tells the observer how it ended; the result or error passes through unchanged. */
async function observed<R>(
  channel: ProviderCall['channel'],
  backend: string,
  observe: ProviderCallObserver,
  send: () => Promise<R>,
): Promise<R> {
  const started = performance.now();
  try {
    const result = await send();
    observe({ channel, backend, seconds: (performance.now() - started) / 1000, outcome: 'ok' });
    return result;
  } catch (error) {
    observe({ channel, backend, seconds: (performance.now() - started) / 1000, outcome: toSendError(error).code });
    throw error;
  }
}

/**
 * The same transports, each provider call timed and told to `observe`. Channels and adapters
 * stay unaware of it: metrics wrap the transports the channels are built on. A push call
 * covers one batch of destinations and counts `ok` when the provider answered (per-target
 * failures are in its results).
 */
export function observeTransports(transports: ChannelTransports, observe: ProviderCallObserver): ChannelTransports {
  return {
    outbox: transports.outbox,
    close: () => transports.close(),
    email: transports.email.map((transport) => ({
      name: transport.name,
      send: (message, signal) => observed('email', transport.name, observe, () => transport.send(message, signal)),
    })),
    sms: transports.sms.map((transport) => ({
      name: transport.name,
      send: (message, signal) => observed('sms', transport.name, observe, () => transport.send(message, signal)),
    })),
    push: new Map(
      [...transports.push].map(([kind, list]) => [
        kind,
        list.map((transport) => ({
          name: transport.name,
          kind: transport.kind,
          send: (destinations, message, signal) =>
            observed('push', transport.name, observe, () => transport.send(destinations, message, signal)),
        })),
      ]),
    ),
  };
}

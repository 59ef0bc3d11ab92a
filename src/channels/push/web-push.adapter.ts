import { Agent } from 'node:https';
import webPush from 'web-push';
import { DeliveryError, errorForStatus, toDeliveryError } from '../../delivery/delivery-error.js';
import { PushTargetKind } from '../../shared/enums.js';
import type { PushDestination, PushMessage, PushResult, PushTransport } from '../ports.js';

export interface WebPushOptions {
  readonly vapidPublicKey: string;
  readonly vapidPrivateKey: string;
  /** mailto: or https: contact for the push service. */
  readonly subject: string;
  /** Extra CA certificate(s) to trust (PEM) for push endpoints. */
  readonly ca?: string;
  /** How long one provider call may take before it counts as unreachable (default 30 s). */
  readonly timeoutMs?: number;
}

/** Browser push (RFC 8030) with VAPID, through the web-push library. */
export class WebPushAdapter implements PushTransport {
  readonly kind = PushTargetKind.WEB_PUSH;
  private readonly agent?: Agent;

  constructor(
    readonly name: string,
    private readonly options: WebPushOptions,
  ) {
    this.agent = options.ca ? new Agent({ ca: options.ca, keepAlive: true }) : undefined;
  }

  async send(destinations: readonly PushDestination[], message: PushMessage, signal: AbortSignal): Promise<PushResult[]> {
    const payload = JSON.stringify({ title: message.title, body: message.body, url: message.url ?? null, notificationId: message.notificationId });
    return Promise.all(destinations.map((destination) => this.sendOne(destination, payload, message, signal)));
  }

  private async sendOne(destination: PushDestination, payload: string, message: PushMessage, signal: AbortSignal): Promise<PushResult> {
    if (!destination.keys) return { targetId: destination.id, ok: false, error: new DeliveryError('missing_keys', 'Web Push target has no keys', { targetGone: true }) };
    if (signal.aborted) return { targetId: destination.id, ok: false, error: toDeliveryError(signal.reason) };
    try {
      const response = await webPush.sendNotification({ endpoint: destination.token, keys: destination.keys }, payload, {
        vapidDetails: { subject: this.options.subject, publicKey: this.options.vapidPublicKey, privateKey: this.options.vapidPrivateKey },
        TTL: message.ttlSeconds,
        urgency: message.urgent ? 'high' : 'normal',
        timeout: this.options.timeoutMs ?? 30_000,
        ...(this.agent ? { agent: this.agent } : {}),
      });
      return { targetId: destination.id, ok: true, providerMessageId: response.headers.location ?? null };
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        return { targetId: destination.id, ok: false, error: new DeliveryError('target_gone', `HTTP ${status}: subscription expired or unsubscribed`, { targetGone: true }) };
      }
      const body = (error as { body?: string }).body ?? '';
      return { targetId: destination.id, ok: false, error: typeof status === 'number' ? errorForStatus(status, body) : toDeliveryError(error) };
    }
  }

  async close(): Promise<void> {
    this.agent?.destroy();
  }
}

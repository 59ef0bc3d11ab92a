import { Agent } from 'node:https';
import { parse as parseLegacyUrl } from 'node:url';
import webPush from 'web-push';
import { abortable } from '../abortable.js';
import { SendError, errorForStatus, toSendError } from '../send-error.js';
import { assertPublicLiteral, NonPublicAddressError, publicOnlyLookup } from '../../net/public-address.js';
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
  /**
   * Connect to endpoints on loopback, private, link-local … addresses too
   * (`PUSH_ALLOW_PRIVATE_ENDPOINTS`, for tests against local fakes). Off: only public
   * unicast addresses are ever connected to.
   */
  readonly allowPrivateEndpoints?: boolean;
}

/** Browser push (RFC 8030) with VAPID, through the web-push library. */
export class WebPushAdapter implements PushTransport {
  readonly kind = PushTargetKind.WEB_PUSH;
  private readonly agent: Agent;

  constructor(
    readonly name: string,
    private readonly options: WebPushOptions,
  ) {
    // The endpoint is chosen by the user's browser, i.e. by anyone: the agent's lookup
    // resolves it once, refuses it unless every address is public, and connects to the
    // addresses it checked (no second resolution an attacker's DNS could answer differently).
    this.agent = new Agent({
      keepAlive: true,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.allowPrivateEndpoints ? {} : { lookup: publicOnlyLookup() }),
    });
  }

  async send(
    destinations: readonly PushDestination[],
    message: PushMessage,
    signal: AbortSignal,
  ): Promise<PushResult[]> {
    const payload = JSON.stringify({
      title: message.title,
      body: message.body,
      url: message.url ?? null,
      notificationId: message.notificationId,
    });
    return Promise.all(destinations.map((destination) => this.sendOne(destination, payload, message, signal)));
  }

  private async sendOne(
    destination: PushDestination,
    payload: string,
    message: PushMessage,
    signal: AbortSignal,
  ): Promise<PushResult> {
    if (!destination.keys)
      return {
        targetId: destination.id,
        ok: false,
        error: new SendError('missing_keys', 'Web Push target has no keys', { targetGone: true }),
      };
    if (signal.aborted) return { targetId: destination.id, ok: false, error: toSendError(signal.reason) };
    try {
      // Node connects to an IP literal without calling the agent's lookup: check it here,
      // with the host exactly as web-push (legacy url.parse) will hand it to https.request.
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the same parser web-push uses, on purpose
      if (!this.options.allowPrivateEndpoints) assertPublicLiteral(parseLegacyUrl(destination.token).hostname ?? '');
      // web-push takes no signal: stop waiting when the job is aborted (its own timeout ends the request).
      const response = await abortable(
        webPush.sendNotification({ endpoint: destination.token, keys: destination.keys }, payload, {
          vapidDetails: {
            subject: this.options.subject,
            publicKey: this.options.vapidPublicKey,
            privateKey: this.options.vapidPrivateKey,
          },
          TTL: message.ttlSeconds,
          urgency: message.urgent ? 'high' : 'normal',
          timeout: this.options.timeoutMs ?? 30_000,
          agent: this.agent,
        }),
        signal,
      );
      return { targetId: destination.id, ok: true, providerMessageId: response.headers.location ?? null };
    } catch (error) {
      if (error instanceof NonPublicAddressError || (error as { code?: unknown }).code === 'ENONPUBLIC') {
        return {
          targetId: destination.id,
          ok: false,
          error: new SendError('endpoint_not_public', 'the push endpoint is not a public internet address', {
            targetGone: true,
          }),
        };
      }
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        return {
          targetId: destination.id,
          ok: false,
          error: new SendError('target_gone', `HTTP ${status}: subscription expired or unsubscribed`, {
            targetGone: true,
          }),
        };
      }
      const body = (error as { body?: string }).body ?? '';
      return {
        targetId: destination.id,
        ok: false,
        error: typeof status === 'number' ? errorForStatus(status, body) : toSendError(error),
      };
    }
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

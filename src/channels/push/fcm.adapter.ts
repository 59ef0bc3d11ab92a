import { importPKCS8, SignJWT } from 'jose';
import { SendError, errorForStatus, toSendError } from '../send-error.js';
import { PushTargetKind } from '../../shared/enums.js';
import type { PushDestination, PushMessage, PushResult, PushTransport } from '../ports.js';
import type { ServiceAccount } from '../../config/settings.js';

export interface FcmOptions {
  readonly serviceAccount: ServiceAccount;
  /** Replaces https://fcm.googleapis.com (for a proxy or a local test server). */
  readonly url?: string;
  /** How long one provider call may take before it counts as unreachable (default 30 s). */
  readonly timeoutMs?: number;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/**
 * Firebase Cloud Messaging HTTP v1, without firebase-admin: an OAuth2 access token from the
 * service account's signed JWT (cached until shortly before it expires), then one
 * `messages:send` per device token.
 */
export class FcmAdapter implements PushTransport {
  readonly kind = PushTargetKind.FCM;
  private accessToken?: { value: string; expiresAt: number };

  constructor(
    readonly name: string,
    private readonly options: FcmOptions,
  ) {}

  async send(
    destinations: readonly PushDestination[],
    message: PushMessage,
    signal: AbortSignal,
  ): Promise<PushResult[]> {
    let token: string;
    try {
      token = await this.token(signal);
    } catch (error) {
      const failure = error instanceof SendError ? error : toSendError(error);
      return destinations.map((destination) => ({ targetId: destination.id, ok: false as const, error: failure }));
    }
    return Promise.all(destinations.map((destination) => this.sendOne(destination, message, token, signal)));
  }

  private async sendOne(
    destination: PushDestination,
    message: PushMessage,
    accessToken: string,
    signal: AbortSignal,
  ): Promise<PushResult> {
    const base = (this.options.url ?? 'https://fcm.googleapis.com').replace(/\/$/, '');
    const body = {
      message: {
        token: destination.token,
        notification: { title: message.title, body: message.body },
        data: {
          notificationId: message.notificationId,
          deliveryId: message.deliveryId,
          ...(message.url ? { url: message.url } : {}),
        },
        android: { priority: message.urgent ? 'HIGH' : 'NORMAL', ttl: `${message.ttlSeconds}s` },
        apns: { headers: { 'apns-priority': message.urgent ? '10' : '5' } },
        webpush: { headers: { Urgency: message.urgent ? 'high' : 'normal', TTL: String(message.ttlSeconds) } },
      },
    };
    try {
      const response = await fetch(
        `${base}/v1/projects/${encodeURIComponent(this.options.serviceAccount.project_id)}/messages:send`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 30_000)]),
        },
      );
      const text = await response.text();
      if (response.ok)
        return {
          targetId: destination.id,
          ok: true,
          providerMessageId: (JSON.parse(text) as { name?: string }).name ?? null,
        };
      if (response.status === 401) this.accessToken = undefined;
      if (isUnregistered(text))
        return {
          targetId: destination.id,
          ok: false,
          error: new SendError('target_gone', `FCM: ${text.slice(0, 300)}`, { targetGone: true }),
        };
      return { targetId: destination.id, ok: false, error: errorForStatus(response.status, text) };
    } catch (error) {
      return { targetId: destination.id, ok: false, error: toSendError(error) };
    }
  }

  /** An OAuth2 access token, reused until a minute before it expires. */
  private async token(signal: AbortSignal): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt > Date.now() + 60_000) return this.accessToken.value;
    const account = this.options.serviceAccount;
    const tokenUri = account.token_uri ?? 'https://oauth2.googleapis.com/token';
    const key = await importPKCS8(account.private_key, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(account.client_email)
      .setSubject(account.client_email)
      .setAudience(tokenUri)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key);
    const response = await fetch(tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 30_000)]),
    });
    const text = await response.text();
    if (!response.ok) {
      // A token endpoint that refuses the service account will not accept it on retry either.
      if (response.status === 400 || response.status === 401 || response.status === 403)
        throw new SendError('credentials_rejected', `FCM token: HTTP ${response.status}: ${text.slice(0, 300)}`, {
          failover: true,
        });
      throw errorForStatus(response.status, `FCM token: ${text}`);
    }
    const { access_token: value, expires_in: expiresIn } = JSON.parse(text) as {
      access_token: string;
      expires_in: number;
    };
    this.accessToken = { value, expiresAt: Date.now() + expiresIn * 1000 };
    return value;
  }
}

function isUnregistered(body: string): boolean {
  try {
    const details = (JSON.parse(body) as { error?: { details?: { errorCode?: string }[] } }).error?.details ?? [];
    return details.some((detail) => detail.errorCode === 'UNREGISTERED');
  } catch {
    return false;
  }
}

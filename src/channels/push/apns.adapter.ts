import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { importPKCS8, SignJWT } from 'jose';
import { SendError, errorForStatus, toSendError, unreachable } from '../send-error.js';
import { PushTargetKind } from '../../shared/enums.js';
import type { PushDestination, PushMessage, PushResult, PushTransport } from '../ports.js';

export interface ApnsOptions {
  /** The .p8 signing key (PEM, PKCS#8). */
  readonly key: string;
  readonly keyId: string;
  readonly teamId: string;
  /** The app's bundle id, sent as apns-topic. */
  readonly bundleId: string;
  /** false: api.sandbox.push.apple.com (development builds). */
  readonly production: boolean;
  /** Replaces the APNs host (for a local test server). */
  readonly url?: string;
  readonly ca?: string;
  /** How long one provider call may take before it counts as unreachable (default 30 s). */
  readonly timeoutMs?: number;
}

// Apple rejects provider tokens older than an hour and throttles refreshes more often than every 20 minutes.
const TOKEN_LIFETIME_MS = 50 * 60_000;
/** Sessions given up on because they never finished connecting in time. */
const timedOutSessions = new WeakSet<ClientHttp2Session>();

const GONE_REASONS = new Set(['BadDeviceToken', 'Unregistered', 'DeviceTokenNotForTopic']);

/** Apple Push Notification service over HTTP/2 with token (ES256 JWT) authentication. */
export class ApnsAdapter implements PushTransport {
  readonly kind = PushTargetKind.APNS;
  private session?: ClientHttp2Session;
  private providerToken?: { value: string; issuedAt: number };

  constructor(
    readonly name: string,
    private readonly options: ApnsOptions,
  ) {}

  async send(
    destinations: readonly PushDestination[],
    message: PushMessage,
    signal: AbortSignal,
  ): Promise<PushResult[]> {
    let token: string;
    try {
      token = await this.token();
    } catch (error) {
      const failure = new SendError('credentials_rejected', `APNs key: ${(error as Error).message}`, {
        failover: true,
      });
      return destinations.map((destination) => ({ targetId: destination.id, ok: false as const, error: failure }));
    }
    const payload = JSON.stringify({
      aps: { alert: { title: message.title, body: message.body }, sound: 'default' },
      notificationId: message.notificationId,
      ...(message.url ? { url: message.url } : {}),
    });
    return Promise.all(destinations.map((destination) => this.sendOne(destination, payload, message, token, signal)));
  }

  private sendOne(
    destination: PushDestination,
    payload: string,
    message: PushMessage,
    token: string,
    signal: AbortSignal,
  ): Promise<PushResult> {
    return new Promise((resolve) => {
      const fail = (error: SendError) => resolve({ targetId: destination.id, ok: false, error });
      let session: ClientHttp2Session;
      try {
        session = this.connection();
      } catch (error) {
        return fail(toSendError(error));
      }
      const request = session.request(
        {
          [constants.HTTP2_HEADER_METHOD]: 'POST',
          [constants.HTTP2_HEADER_PATH]: `/3/device/${destination.token}`,
          authorization: `bearer ${token}`,
          'apns-topic': this.options.bundleId,
          'apns-push-type': 'alert',
          'apns-priority': message.urgent ? '10' : '5',
          'apns-expiration': String(Math.floor(Date.now() / 1000) + message.ttlSeconds),
          'apns-id': message.deliveryId,
          'content-type': 'application/json',
        },
        { signal },
      );
      let timedOut = false;
      request.setTimeout(this.options.timeoutMs ?? 30_000, () => {
        timedOut = true;
        request.close(constants.NGHTTP2_CANCEL);
      });
      let status = 0;
      let apnsId: string | null = null;
      let body = '';
      request.on('response', (headers) => {
        status = Number(headers[constants.HTTP2_HEADER_STATUS]);
        apnsId = (headers['apns-id'] as string | undefined) ?? null;
      });
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('error', (error) =>
        fail(timedOutSessions.has(session) ? unreachable('ETIMEDOUT', error) : toSendError(error)),
      );
      request.on('close', () => {
        if (status === 200) return resolve({ targetId: destination.id, ok: true, providerMessageId: apnsId });
        // No status: the stream was cancelled (our timeout) or reset before APNs answered.
        if (status === 0)
          return fail(unreachable(timedOut || timedOutSessions.has(session) ? 'ETIMEDOUT' : 'ERR_HTTP2_STREAM_CANCEL'));
        const reason = safeReason(body);
        if (status === 410 || GONE_REASONS.has(reason))
          return fail(new SendError('target_gone', `APNs ${status} ${reason}`, { targetGone: true }));
        if (status === 403 && (reason === 'ExpiredProviderToken' || reason === 'InvalidProviderToken'))
          this.providerToken = undefined;
        fail(errorForStatus(status, reason || body));
      });
      request.end(payload);
    });
  }

  /** The provider token, reused for up to 50 minutes. */
  private async token(): Promise<string> {
    if (this.providerToken && Date.now() - this.providerToken.issuedAt < TOKEN_LIFETIME_MS)
      return this.providerToken.value;
    const key = await importPKCS8(this.options.key, 'ES256');
    const issuedAt = Date.now();
    const value = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.options.keyId })
      .setIssuer(this.options.teamId)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .sign(key);
    this.providerToken = { value, issuedAt };
    return value;
  }

  private connection(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const host =
      this.options.url ??
      (this.options.production ? 'https://api.push.apple.com' : 'https://api.sandbox.push.apple.com');
    const session = connect(host, this.options.ca ? { ca: this.options.ca } : {});
    session.on('error', () => {}); // surfaced per request; a broken session is replaced on next use
    // A stream's own timeout does not run while the session is still connecting (a host that
    // accepts TCP and never finishes TLS): bound the connection itself, failing its streams.
    const connecting = setTimeout(() => {
      timedOutSessions.add(session);
      session.destroy();
    }, this.options.timeoutMs ?? 30_000);
    connecting.unref();
    session.once('connect', () => clearTimeout(connecting));
    session.once('close', () => clearTimeout(connecting));
    session.on('goaway', () => session.close());
    session.unref();
    this.session = session;
    return session;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    // A session that failed to connect is already destroyed, and close() would never call back.
    if (!session || session.closed || session.destroyed) return;
    await new Promise<void>((resolve) => {
      const stuck = setTimeout(() => {
        session.destroy();
        resolve();
      }, 1_000);
      session.close(() => {
        clearTimeout(stuck);
        resolve();
      });
    });
  }
}

function safeReason(body: string): string {
  try {
    return (JSON.parse(body) as { reason?: string }).reason ?? '';
  } catch {
    return '';
  }
}

import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { decrypt } from 'http_ece';
import { importJWK, jwtVerify } from 'jose';
import { HttpFake, type ReceivedRequest, type Reply } from './http-fake.js';
import type { Certificate } from './tls.js';

/** A browser subscription the fake push service knows, with the private half the browser keeps. */
export interface FakeSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
  readonly ecdh: ECDH;
}

export interface ReceivedPush {
  readonly subscriptionId: string;
  readonly payload: Record<string, unknown>;
  readonly ttl: number;
  readonly urgency: string | undefined;
  readonly jwtSubject: string;
}

/**
 * A push service (RFC 8030) over HTTPS as a browser vendor's checks it: the VAPID JWT is
 * verified against the application server key (ES256, audience = the push service origin,
 * unexpired), and the aes128gcm body is decrypted with the subscription's private key and
 * auth secret. Endpoints under /gone/ answer 410 Gone. Replies to pushes that pass the VAPID
 * check can be scripted with {@link FakeWebPush.script}.
 */
export class FakeWebPush extends HttpFake {
  readonly received: ReceivedPush[] = [];
  private readonly subscriptions = new Map<string, FakeSubscription>();
  private readonly scripted: Reply[] = [];

  constructor(
    private readonly vapidPublicKey: string,
    private readonly tls: Certificate,
  ) {
    super((request) => this.reply(request));
  }

  override start(): Promise<this> {
    return super.start(this.tls);
  }

  /** A new subscription, as PushManager.subscribe() would return it. */
  subscribe(gone = false): FakeSubscription {
    const id = randomBytes(8).toString('hex');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const subscription = {
      endpoint: `${this.url}/${gone ? 'gone' : 'push'}/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
      ecdh,
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  /** The next pushes that pass the VAPID check get these replies instead of being accepted. */
  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  private async reply(request: ReceivedRequest): Promise<Reply> {
    const [, kind, subscriptionId = ''] = /^\/(push|gone)\/([0-9a-f]+)$/.exec(request.path) ?? [];
    const subscription = this.subscriptions.get(subscriptionId);
    if (request.method !== 'POST' || !subscription) return { status: 404 };
    const [, token, vapidKey] =
      /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(request.headers.authorization)) ?? [];
    if (!token || vapidKey !== this.vapidPublicKey)
      return { status: 403, body: { reason: 'missing or unknown VAPID key' } };
    let subject: string;
    try {
      const point = Buffer.from(this.vapidPublicKey, 'base64url');
      const key = await importJWK(
        {
          kty: 'EC',
          crv: 'P-256',
          x: point.subarray(1, 33).toString('base64url'),
          y: point.subarray(33, 65).toString('base64url'),
        },
        'ES256',
      );
      const { payload } = await jwtVerify(token, key, { algorithms: ['ES256'], audience: new URL(this.url).origin });
      subject = String(payload.sub);
    } catch (error) {
      return { status: 403, body: { reason: `bad VAPID JWT: ${(error as Error).message}` } };
    }
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    if (kind === 'gone') return { status: 410, body: { reason: 'push subscription has unsubscribed or expired' } };
    if (request.headers['content-encoding'] !== 'aes128gcm') return { status: 415 };
    const plain = decrypt(request.body, {
      version: 'aes128gcm',
      privateKey: subscription.ecdh,
      authSecret: subscription.keys.auth,
    });
    this.received.push({
      subscriptionId,
      payload: JSON.parse(plain.toString('utf8')) as Record<string, unknown>,
      ttl: Number(request.headers.ttl),
      urgency: request.headers.urgency as string | undefined,
      jwtSubject: subject,
    });
    return { status: 201, headers: { location: `${this.url}/message/${randomBytes(6).toString('hex')}` } };
  }
}

import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createSecureServer, type Http2SecureServer, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { Reply } from './http-fake.js';
import type { Certificate } from './tls.js';

export interface ReceivedApns {
  readonly deviceToken: string;
  readonly headers: IncomingHttpHeaders;
  readonly payload: Record<string, any>;
}

/**
 * APNs over HTTP/2 and TLS as Apple checks it: `POST /3/device/<token>` with a bearer ES256
 * provider token (kid = key id, iss = team id, not older than an hour), apns-topic = the
 * bundle id, apns-push-type and apns-priority. Tokens starting with "dead" answer 410
 * Unregistered; "bad" ones 400 BadDeviceToken. Replies to authorised pushes can be scripted
 * with {@link FakeApns.script}.
 */
export class FakeApns {
  readonly received: ReceivedApns[] = [];
  readonly keyId = 'ABC123DEFG';
  readonly teamId = 'TEAM123456';
  readonly bundleId = 'com.example.belfry';
  readonly privateKeyPem: string;
  readonly providerTokens = new Set<string>();
  private readonly publicKey: KeyObject;
  private server!: Http2SecureServer;
  private readonly scripted: Reply[] = [];
  url = '';

  constructor(private readonly tls: Certificate) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.publicKey = publicKey;
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** The next authorised pushes get these replies (`body`: e.g. `{ reason: 'TooManyRequests' }`) instead of being accepted. */
  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  async start(): Promise<this> {
    this.server = createSecureServer({ key: this.tls.key, cert: this.tls.cert });
    this.server.on('stream', (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A failure inside the handler (a bad payload) answers 500 instead of going unhandled.
      stream.on('end', () => {
        (async () => {
          const reply = (status: number, body?: object) => {
            stream.respond({ ':status': status, 'apns-id': String(headers['apns-id'] ?? randomUUID()) });
            stream.end(body ? JSON.stringify(body) : undefined);
          };
          const token = /^\/3\/device\/([0-9a-zA-Z]+)$/.exec(String(headers[':path']))?.[1];
          if (headers[':method'] !== 'POST' || !token) return reply(404, { reason: 'BadPath' });
          const jwt = /^bearer (.+)$/.exec(String(headers.authorization))?.[1];
          try {
            if (!jwt || decodeProtectedHeader(jwt).kid !== this.keyId)
              return reply(403, { reason: 'InvalidProviderToken' });
            await jwtVerify(jwt, this.publicKey, { algorithms: ['ES256'], issuer: this.teamId, maxTokenAge: '1h' });
            this.providerTokens.add(jwt);
          } catch {
            return reply(403, { reason: 'InvalidProviderToken' });
          }
          if (headers['apns-topic'] !== this.bundleId) return reply(400, { reason: 'TopicDisallowed' });
          if (headers['apns-push-type'] !== 'alert' || !['5', '10'].includes(String(headers['apns-priority'])))
            return reply(400, { reason: 'InvalidPushType' });
          const scripted = this.scripted.shift();
          if (scripted) {
            scripted.arrived?.();
            await scripted.release;
            if (stream.destroyed || stream.closed) return;
            return reply(scripted.status, scripted.body as object | undefined);
          }
          if (token.startsWith('dead')) return reply(410, { reason: 'Unregistered', timestamp: Date.now() });
          if (token.startsWith('bad')) return reply(400, { reason: 'BadDeviceToken' });
          this.received.push({
            deviceToken: token,
            headers,
            payload: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          });
          reply(200);
        })().catch(() => {
          if (!stream.headersSent) stream.respond({ ':status': 500 });
          stream.end();
        });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

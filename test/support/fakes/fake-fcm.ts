import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { HttpFake, type ReceivedRequest, type Reply } from './http-fake.js';

/**
 * Google's OAuth2 token endpoint and the FCM HTTP v1 send API, as Google checks them: the
 * token request must carry an RS256 JWT signed by the service account's key (iss = its
 * email, aud = the token URI, the messaging scope); sends need that bearer token. Tokens
 * starting with "dead-" answer 404 UNREGISTERED. Replies to authorised sends can be scripted
 * with {@link FakeFcm.script}.
 */
export class FakeFcm extends HttpFake {
  readonly projectId = 'belfry-test';
  readonly clientEmail = 'belfry@belfry-test.iam.gserviceaccount.com';
  readonly messages: Record<string, any>[] = [];
  tokenRequests = 0;
  private readonly scripted: Reply[] = [];
  private readonly publicKey: KeyObject;
  private readonly privateKeyPem: string;
  private readonly accessTokens = new Set<string>();

  constructor() {
    super((request) => this.reply(request));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKey = publicKey;
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** The service-account key file a Firebase project would download. */
  serviceAccount(): Record<string, string> {
    return {
      type: 'service_account',
      project_id: this.projectId,
      client_email: this.clientEmail,
      private_key: this.privateKeyPem,
      token_uri: `${this.url}/token`,
    };
  }

  /** The next authorised sends get these replies instead of being accepted. */
  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  private async reply(request: ReceivedRequest): Promise<Reply> {
    if (request.method === 'POST' && request.path === '/token') {
      this.tokenRequests++;
      const form = new URLSearchParams(request.body.toString('utf8'));
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', this.publicKey, {
          algorithms: ['RS256'],
          issuer: this.clientEmail,
          audience: `${this.url}/token`,
        });
        if (payload.scope !== 'https://www.googleapis.com/auth/firebase.messaging')
          return { status: 400, body: { error: 'invalid_scope' } };
      } catch (error) {
        return { status: 400, body: { error: 'invalid_grant', error_description: (error as Error).message } };
      }
      const token = `ya29.${randomBytes(12).toString('hex')}`;
      this.accessTokens.add(token);
      return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    }
    if (request.method === 'POST' && request.path === `/v1/projects/${this.projectId}/messages:send`) {
      const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization))?.[1];
      if (!bearer || !this.accessTokens.has(bearer))
        return { status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } };
      const scripted = this.scripted.shift();
      if (scripted) return scripted;
      const { message } = JSON.parse(request.body.toString('utf8')) as { message: Record<string, any> };
      if (!message?.token || !message.notification?.title)
        return { status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT' } } };
      if (String(message.token).startsWith('dead-')) {
        return {
          status: 404,
          body: {
            error: {
              code: 404,
              status: 'NOT_FOUND',
              details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
            },
          },
        };
      }
      this.messages.push(message);
      return { status: 200, body: { name: `projects/${this.projectId}/messages/${randomBytes(8).toString('hex')}` } };
    }
    return { status: 404 };
  }
}

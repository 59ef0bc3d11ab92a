import { createHash, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from '../config/settings.js';
import { UnauthenticatedError } from '../shared/errors.js';
import { userIdProblem } from '../shared/input-hygiene.js';
import type { Principal } from './principal.js';
import { at } from '../shared/at.js';

/** Turns an `Authorization` value into a principal, or throws UNAUTHENTICATED. */
export class Authenticator {
  private readonly keyDigests: Buffer[];
  private readonly keyIds: string[];
  private readonly verifyKey: Uint8Array | KeyObject | JWTVerifyGetKey | undefined;
  private readonly algorithms: string[];

  constructor(
    apiKeys: readonly string[],
    private readonly jwt: JwtConfig,
  ) {
    // Digests have equal length, so timingSafeEqual can compare every key in constant time.
    this.keyDigests = apiKeys.map(digest);
    this.keyIds = this.keyDigests.map((keyDigest) => keyDigest.toString('hex').slice(0, 12));
    if (jwt.secret) {
      this.verifyKey = new TextEncoder().encode(jwt.secret);
      this.algorithms = ['HS256'];
    } else if (jwt.publicKey) {
      const key = createPublicKey(jwt.publicKey);
      this.verifyKey = key;
      this.algorithms = key.asymmetricKeyType === 'ec' ? ['ES256'] : ['RS256'];
    } else if (jwt.jwksUrl) {
      this.verifyKey = createRemoteJWKSet(new URL(jwt.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.algorithms = [];
    }
  }

  async authenticate(authorization: string | undefined | null): Promise<Principal> {
    if (!authorization) throw new UnauthenticatedError();
    const [scheme = '', credential, ...rest] = authorization.trim().split(/\s+/);
    if (!credential || rest.length > 0) {
      throw new UnauthenticatedError('Malformed Authorization value: expected "ApiKey <key>" or "Bearer <token>"');
    }
    switch (scheme.toLowerCase()) {
      case 'apikey':
        return this.checkApiKey(credential);
      case 'bearer':
        return this.verifyUserToken(credential);
      default:
        throw new UnauthenticatedError(`Unsupported Authorization scheme "${scheme}": use ApiKey or Bearer`);
    }
  }

  private checkApiKey(key: string): Principal {
    const candidate = digest(key);
    let matched = -1;
    // Every key is compared, whichever matches, so the time taken says nothing about which.
    this.keyDigests.forEach((known, index) => {
      if (timingSafeEqual(candidate, known)) matched = index;
    });
    if (matched < 0) throw new UnauthenticatedError('Unknown API key');
    return { kind: 'service', keyId: at(this.keyIds, matched, 'API key id') };
  }

  private async verifyUserToken(token: string): Promise<Principal> {
    if (!this.verifyKey) throw new UnauthenticatedError('User tokens are not accepted: no JWT key is configured');
    try {
      const { payload } = await jwtVerify(token, this.verifyKey as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') {
        throw new UnauthenticatedError('The user token has no "sub" claim');
      }
      // The token's sub is a userId like any other: 1-200 characters PostgreSQL can store.
      if (userIdProblem(payload.sub))
        throw new UnauthenticatedError(
          'The user token\'s "sub" claim is not a valid user id (at most 200 characters, no NUL)',
        );
      if (payload.exp === undefined && !this.jwt.allowNoExp) {
        // A token that never expires cannot be revoked short of rotating the signing key.
        throw new UnauthenticatedError('The user token has no "exp" claim: user tokens must expire');
      }
      return { kind: 'user', userId: payload.sub, expiresAt: payload.exp ? new Date(payload.exp * 1000) : undefined };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The user token has expired');
      throw new UnauthenticatedError('Invalid user token');
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

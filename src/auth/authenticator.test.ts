import { createHash, generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import { Authenticator } from './authenticator.js';

const SECRET = 'unit-test-secret-0123456789abcdef-0123';

describe('Authenticator', () => {
  it('accepts a configured API key as the service, identified by a digest prefix, and rejects any other', async () => {
    const auth = new Authenticator(['first-key-0123456789', 'second-key-0123456789'], {});
    const keyId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 12);
    await expect(auth.authenticate('ApiKey second-key-0123456789')).resolves.toEqual({
      kind: 'service',
      keyId: keyId('second-key-0123456789'),
    });
    await expect(auth.authenticate('apikey first-key-0123456789')).resolves.toEqual({
      kind: 'service',
      keyId: keyId('first-key-0123456789'),
    });
    await expect(auth.authenticate('ApiKey first-key-012345678')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('verifies an HS256 token and takes the user from sub', async () => {
    const auth = new Authenticator([], { secret: SECRET });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    await expect(auth.authenticate(`Bearer ${token}`)).resolves.toMatchObject({
      kind: 'user',
      userId: 'u-1',
      expiresAt: expect.any(Date),
    });
  });

  it.each([
    ['RS256', 'rsa', { modulusLength: 2048 }],
    ['ES256', 'ec', { namedCurve: 'P-256' }],
  ] as const)(
    'verifies an %s token against JWT_PUBLIC_KEY and refuses other algorithms',
    async (alg, type, options) => {
      const { privateKey, publicKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const auth = new Authenticator([], { publicKey: pem, issuer: 'https://id.example', audience: 'belfry' });
      const key = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alg);
      const sign = (issuer: string) =>
        new SignJWT({})
          .setProtectedHeader({ alg })
          .setSubject('u-2')
          .setIssuer(issuer)
          .setAudience('belfry')
          .setExpirationTime('5m')
          .sign(key);
      await expect(auth.authenticate(`Bearer ${await sign('https://id.example')}`)).resolves.toMatchObject({
        kind: 'user',
        userId: 'u-2',
      });
      await expect(auth.authenticate(`Bearer ${await sign('https://evil.example')}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // The classic confusion attack: an HS256 token "signed" with the public key text.
      const confused = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-2')
        .setIssuer('https://id.example')
        .setAudience('belfry')
        .sign(new TextEncoder().encode(pem));
      await expect(auth.authenticate(`Bearer ${confused}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    },
  );

  it('refuses a token whose sub is no valid user id', async () => {
    const auth = new Authenticator([], { secret: SECRET });
    for (const subject of ['u'.repeat(201), 'a\u0000b']) {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      await expect(auth.authenticate(`Bearer ${token}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('refuses a token without exp, naming the claim, unless JWT_ALLOW_NO_EXP', async () => {
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .sign(new TextEncoder().encode(SECRET));
    await expect(new Authenticator([], { secret: SECRET }).authenticate(`Bearer ${forever}`)).rejects.toMatchObject({
      message: expect.stringMatching(/no "exp" claim/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(
      new Authenticator([], { secret: SECRET, allowNoExp: true }).authenticate(`Bearer ${forever}`),
    ).resolves.toEqual({ kind: 'user', userId: 'u-1', expiresAt: undefined });
  });

  it('refuses user tokens when no JWT key is configured', async () => {
    const auth = new Authenticator(['only-a-key-0123456789'], {});
    await expect(auth.authenticate('Bearer a.b.c')).rejects.toThrow(/no JWT key is configured/);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';

/** Credentials generated for development when none are configured. */
export interface DevCredentials {
  readonly apiKey: string;
  readonly jwtSecret: string;
  /** Hex SECRET_KEY for sealing sensitive data. */
  readonly secretKey: string;
}

/**
 * Reads the development credentials under `dataDir`, creating them on first use. With
 * `memory://` (nothing kept) they are generated afresh and written nowhere.
 */
export function loadOrCreateDevCredentials(dataDir: string): DevCredentials {
  if (dataDir === 'memory://') return generate({});
  const file = join(dataDir, 'dev-credentials.json');
  let stored: Partial<DevCredentials> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevCredentials>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (stored.apiKey && stored.jwtSecret && stored.secretKey) return stored as DevCredentials;
  // Fill in whatever is missing (a file from an older version lacks secretKey), keep the rest.
  const credentials = generate(stored);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

function generate(stored: Partial<DevCredentials>): DevCredentials {
  return {
    apiKey: stored.apiKey ?? `dev_${randomBytes(24).toString('base64url')}`,
    jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    secretKey: stored.secretKey ?? randomBytes(32).toString('hex'),
  };
}

/** Signs an HS256 user token (for development and tests). */
export function signUserToken(secret: string, userId: string, expiresIn: string | number = '30d'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

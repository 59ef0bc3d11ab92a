/** A backend service calling with one of the configured API keys. */
export interface ServicePrincipal {
  readonly kind: 'service';
  /**
   * Which API key: the first 12 hex digits of its SHA-256. Stable across restarts and
   * processes, and not the key itself, so it may be stored (idempotency keys are scoped by it).
   */
  readonly keyId: string;
}

/** One end user, from a verified JWT. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly expiresAt?: Date;
}

/** Who is calling: a backend service (API key) or one end user (JWT). */
export type Principal = ServicePrincipal | UserPrincipal;

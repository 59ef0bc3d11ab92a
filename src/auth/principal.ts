/** Who is calling: a backend service (API key) or one end user (JWT). */
export type Principal =
  | { readonly kind: 'service' }
  | { readonly kind: 'user'; readonly userId: string; readonly expiresAt?: Date };

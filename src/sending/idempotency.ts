import { createHash } from 'node:crypto';

/** Repeats within this window return the first result. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

/** A send made with an idempotency key. */
export interface IdempotentRequest {
  /** The API key that sent it (its `keyId`): a key is only ever matched against that caller's own earlier sends. */
  readonly apiKeyId: string;
  readonly key: string;
  readonly operation: string;
  readonly requestHash: string;
}

/** SHA-256 of the request with object keys sorted, so field order does not matter. */
export function requestHash(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined && item !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

// Text and JSON that PostgreSQL cannot store (NUL in text/jsonb, unpaired UTF-16
// surrogates) or that code further in cannot handle (JSON nested thousands deep overflows
// recursive walkers) is refused at the edge. Every walk here is iterative, so the input's
// depth can never overflow the stack of the check itself.

/** The longest user id anywhere in the API. */
export const USER_ID_MAX_LENGTH = 200;
/** JSON inputs (metadata, template data, recipient data): nesting levels. */
export const JSON_MAX_DEPTH = 32;
/** JSON inputs: size when serialized, in UTF-8 bytes. */
export const JSON_MAX_BYTES = 64 * 1024;

// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const NUL = /\u0000/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  if (NUL.test(text)) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it contains an unpaired UTF-16 surrogate)';
  return undefined;
}

/** Why `userId` is not a valid user id (1 to 200 characters of storable text), or undefined. */
export function userIdProblem(userId: unknown): string | undefined {
  if (typeof userId !== 'string' || userId.length === 0) return 'must be a non-empty string';
  if (userId.length > USER_ID_MAX_LENGTH) return `must be at most ${USER_ID_MAX_LENGTH} characters`;
  return unsafeTextReason(userId);
}

/** Where an unsafe string was found: the declared field holding it, and why. */
export interface UnsafeText {
  /** Dotted path of declared (class) fields; stops at a JSON value, whose inner keys are the caller's own. */
  readonly field: string;
  readonly reason: string;
}

/**
 * Finds the first string or object key anywhere in `value` that cannot be stored. Class
 * instances (GraphQL input objects) extend the reported field path; plain objects are JSON
 * values and are reported as the field holding them, as are arrays.
 */
export function findUnsafeText(value: unknown, field = ''): UnsafeText | undefined {
  const stack: { value: unknown; field: string; inJson: boolean }[] = [{ value, field, inJson: false }];
  while (stack.length) {
    const current = stack.pop()!;
    if (typeof current.value === 'string') {
      const reason = unsafeTextReason(current.value);
      if (reason) return { field: current.field, reason };
      continue;
    }
    if (current.value === null || typeof current.value !== 'object' || current.value instanceof Date) continue;
    if (Array.isArray(current.value)) {
      for (const item of current.value) stack.push({ value: item, field: current.field, inJson: current.inJson });
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(current.value);
    const isJson = current.inJson || prototype === Object.prototype || prototype === null;
    for (const [key, item] of Object.entries(current.value)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason) return { field: current.field, reason: `keys ${keyReason}` };
      stack.push({
        value: item,
        field: isJson ? current.field : current.field ? `${current.field}.${key}` : key,
        inJson: isJson,
      });
    }
  }
  return undefined;
}

/** How deeply `value` nests arrays and objects, counted up to `limit + 1` at most. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (level > limit) return level;
    for (const item of Array.isArray(current) ? current : Object.values(current))
      stack.push({ value: item, depth: level });
  }
  return deepest;
}

/** Why a JSON input is too big or too deep, or undefined when it is within the limits. */
export function jsonLimitReason(
  value: unknown,
  maxDepth = JSON_MAX_DEPTH,
  maxBytes = JSON_MAX_BYTES,
): string | undefined {
  if (jsonDepth(value, maxDepth) > maxDepth) return `must not nest more than ${maxDepth} levels deep`;
  // Safe to serialize now: the depth is bounded.
  // JSON.stringify answers undefined for `undefined` (its lib type says string).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') > maxBytes)
    return `must be at most ${maxBytes / 1024} KB as JSON`;
  return undefined;
}

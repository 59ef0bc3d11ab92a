import { registerDecorator, type ValidationOptions } from 'class-validator';

/** At most this many tags per send, template or filter. */
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 50;
/** After normalization: lower case, starting with a letter or digit, then letters, digits and _ . : / - */
const TAG = /^[a-z0-9][a-z0-9_.:/-]*$/;

/** A tag as stored and matched: trimmed and lower-cased, so "Billing " and "billing" are one tag. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** The tags as stored: normalized, without duplicates, in the order first given. */
export function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  return [...new Set((tags ?? []).map(normalizeTag))];
}

/** Why `tags` is not a valid list of tags (naming the first bad one), or undefined. */
export function tagsProblem(tags: unknown): string | undefined {
  if (!Array.isArray(tags)) return 'must be a list';
  if (tags.length > MAX_TAGS) return `must hold at most ${MAX_TAGS} tags`;
  for (const [index, tag] of tags.entries()) {
    const normalized = typeof tag === 'string' ? normalizeTag(tag) : '';
    if (!normalized || normalized.length > MAX_TAG_LENGTH || !TAG.test(normalized))
      return `[${index}] must be 1 to ${MAX_TAG_LENGTH} letters, digits or _ . : / - (starting with a letter or digit)`;
  }
  return undefined;
}

/** `tags` input: up to ten short tags; stored trimmed and lower-cased. */
export function IsTags(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTags',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => value == null || tagsProblem(value) === undefined,
        defaultMessage: (args) => {
          const problem = tagsProblem(args?.value) ?? 'is invalid';
          return problem.startsWith('[') ? `$property${problem}` : `$property ${problem}`;
        },
      },
    });
}

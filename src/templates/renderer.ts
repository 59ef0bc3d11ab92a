import { at } from '../shared/at.js';

/**
 * `{field}` placeholders with dotted paths (`{user.name}`), as in the seed's templates.
 * Values are looked up in the render context; HTML output escapes every value.
 */
const PLACEHOLDER = /\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}/g;

/** Data a template renders from: the caller's data plus context such as `recipient`. */
export type RenderContext = Readonly<Record<string, unknown>>;

/** Every distinct placeholder path in `template`, in order of first use. */
export function placeholdersOf(template: string | null | undefined): string[] {
  if (!template) return [];
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => at(match, 1, 'placeholder path')))];
}

/** Replaces each placeholder with its value; a missing value renders as an empty string. */
export function renderTemplate(template: string, context: RenderContext, options: { html?: boolean } = {}): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const text = stringify(valueAt(context, path));
    return options.html ? escapeHtml(text) : text;
  });
}

/** The value at a dotted path, or undefined when any step is missing. */
export function valueAt(context: RenderContext, path: string): unknown {
  let value: unknown = context;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return ''; // functions and symbols: not in JSON data
}

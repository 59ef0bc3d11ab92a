import { Liquid, LiquidError, type Context, type Template as ParsedTemplate } from 'liquidjs';

/** What LiquidJS binds `this` to in a filter (its FilterImpl, not exported by name). */
interface FilterImpl {
  readonly context: Context;
}
import { at } from '../shared/at.js';

/**
 * Template copy is Liquid (LiquidJS): `{{ order.id }}`, `{% if %}`, `{% for %}`, filters
 * such as `default`. The seed's `{field}` placeholders (dotted paths, `{user.name}`) keep
 * working: a single-brace placeholder is read as `{{ field }}` before parsing, so the
 * default templates and templates inserted with the seed's SQL render as they always did.
 */
const LEGACY_PLACEHOLDER = /(?<!\{)\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}(?!\})/g;
/** The same, in copy with no Liquid syntax at all: exactly the seed's rule (and faster without the lookarounds). */
const PLAIN_PLACEHOLDER = /\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}/g;

/** Data a template renders from: the caller's data plus context such as `recipient`. */
export type RenderContext = Readonly<Record<string, unknown>>;

/** The largest template source accepted (characters, per copy field). */
export const MAX_TEMPLATE_LENGTH = 200_000;
/** The largest rendered copy (characters): a loop cannot balloon an email past this. */
export const MAX_RENDERED_LENGTH = 1_000_000;
/** Time one render may take (ms), checked by LiquidJS between template nodes. */
const RENDER_LIMIT_MS = 200;
/** Nodes one render may output (a loop body counts once per iteration). */
const TEMPLATE_NODE_LIMIT = 100_000;
/** Objects and characters LiquidJS may allocate in one render (its own accounting). */
const MEMORY_LIMIT = 10_000_000;
/** Parsed templates kept per engine; the same few templates are rendered over and over. */
const PARSED_CACHE_SIZE = 500;

/** A template that does not parse, or a render that broke a limit or failed. */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** 1-based line and column in the source, when LiquidJS names one. */
    readonly position: { readonly line: number; readonly column: number } | null,
  ) {
    super(message);
  }
}

/** How a value prints: missing as nothing, a date as ISO 8601, objects and lists as JSON (as `{field}` always did). */
function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return ''; // functions and symbols: not in JSON data
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function engine(outputEscape: (value: unknown) => string): Liquid {
  const liquid = new Liquid({
    // Data is the caller's JSON: never reach inherited properties (`constructor`, `__proto__`).
    ownPropertyOnly: true,
    // An unknown filter is a parse error (at createTemplate), not a silent no-op at send time.
    strictFilters: true,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    outputEscape,
  });
  registerIntlFilters(liquid);
  return liquid;
}

/** Where a render happens: the recipient's locale and time zone, for the Intl filters. */
export interface RenderSettings {
  readonly locale: string;
  readonly timeZone: string;
}

export const DEFAULT_RENDER_SETTINGS: RenderSettings = { locale: 'en', timeZone: 'UTC' };

function settingsOf(filter: FilterImpl): RenderSettings {
  const globals = filter.context.globals as Partial<RenderSettings>;
  return { ...DEFAULT_RENDER_SETTINGS, ...globals };
}

/** Intl formatters are costly to build and the same few are used over and over. */
const FORMATTERS = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: unknown[], make: () => T): T {
  const id = JSON.stringify(key);
  let found = FORMATTERS.get(id) as T | undefined;
  if (!found) {
    if (FORMATTERS.size >= 1_000) FORMATTERS.clear();
    FORMATTERS.set(id, (found = make()));
  }
  return found;
}

function toNumber(value: unknown, filter: string): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (value === '' || value === null || value === undefined || !Number.isFinite(number))
    throw new Error(`${filter} expects a number, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  return number;
}

const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;

/**
 * Filters that format in the recipient's locale and time zone (Intl):
 * `{{ amount | money: "EUR" }}`, `{{ at | datetime }}` (or `datetime: "long"`),
 * `{{ n | number }}` (or `number: 2` for at most two decimals).
 */
function registerIntlFilters(liquid: Liquid): void {
  liquid.registerFilter('money', function (this: FilterImpl, value: unknown, currency: unknown) {
    if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency))
      throw new Error('money needs an ISO 4217 currency code: money: "EUR"');
    const { locale } = settingsOf(this);
    return formatter(
      ['money', locale, currency],
      () => new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }),
    ).format(toNumber(value, 'money'));
  });
  liquid.registerFilter('number', function (this: FilterImpl, value: unknown, decimals: unknown) {
    const { locale } = settingsOf(this);
    const digits = decimals === undefined ? 3 : Math.min(20, Math.max(0, Math.trunc(toNumber(decimals, 'number'))));
    return formatter(
      ['number', locale, digits],
      () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }),
    ).format(toNumber(value, 'number'));
  });
  liquid.registerFilter('datetime', function (this: FilterImpl, value: unknown, style: unknown) {
    const dateStyle = style === undefined ? 'medium' : DATE_STYLES.find((candidate) => candidate === style);
    if (!dateStyle) throw new Error(`datetime takes one of ${DATE_STYLES.join(', ')}`);
    const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
    if (Number.isNaN(date.getTime())) throw new Error(`datetime expects a date, got ${JSON.stringify(value)}`);
    const { locale, timeZone } = settingsOf(this);
    return formatter(
      ['datetime', locale, timeZone, dateStyle],
      () => new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short', timeZone }),
    ).format(date);
  });
}

/** Plain-text copy (subject, message, SMS, push) prints values as they are; HTML copy escapes every value. */
const ENGINES = {
  text: { liquid: engine(toText), parsed: new Map<string, ParsedTemplate[]>() },
  html: { liquid: engine((value) => escapeHtml(toText(value))), parsed: new Map<string, ParsedTemplate[]>() },
};

/** The template as Liquid source: each `{field}` placeholder written as `{{ field }}`. */
function liquidSource(template: string): string {
  return template.replace(LEGACY_PLACEHOLDER, (_match, path: string) => `{{ ${path} }}`);
}

function positionOf(error: unknown): TemplateError['position'] {
  if (!(error instanceof LiquidError)) return null;
  const match = /line:(\d+), col:(\d+)/.exec(error.message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

/** LiquidJS appends ", line:1, col:5" to its messages; the position is reported on its own. */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, line:\d+, col:\d+$/, '');
}

function parsed(kind: keyof typeof ENGINES, template: string): ParsedTemplate[] {
  const { liquid, parsed: cache } = ENGINES[kind];
  const cached = cache.get(template);
  if (cached) return cached;
  let result: ParsedTemplate[];
  try {
    result = liquid.parse(liquidSource(template));
  } catch (error) {
    throw new TemplateError(messageOf(error), positionOf(error));
  }
  if (cache.size >= PARSED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(template, result);
  return result;
}

/**
 * Checks that `template` parses as Liquid (after reading `{field}` placeholders) and is within
 * {@link MAX_TEMPLATE_LENGTH}; throws a {@link TemplateError} with the line and column if not.
 */
export function assertTemplateParses(template: string): void {
  if (template.length > MAX_TEMPLATE_LENGTH)
    throw new TemplateError(`is longer than ${MAX_TEMPLATE_LENGTH} characters`, null);
  parsed('text', template);
}

/**
 * Renders `template` with `context`; HTML copy escapes every printed value (`| raw` opts
 * out). A missing value prints nothing. Throws a {@link TemplateError} when the template does
 * not parse or a render breaks a limit (time, nodes, memory, output length).
 */
export function renderTemplate(
  template: string,
  context: RenderContext,
  options: { html?: boolean; settings?: RenderSettings } = {},
): string {
  // Copy with no Liquid syntax (the default templates, the seed's) is only `{field}`
  // placeholders: substituted directly, as Liquid would print them, at a ninth of the cost.
  if (!LIQUID_SYNTAX.test(template)) return substitute(template, context, options.html === true);
  const kind = options.html ? 'html' : 'text';
  let output: string;
  try {
    output = ENGINES[kind].liquid.renderSync(parsed(kind, template), context, {
      templateLimit: TEMPLATE_NODE_LIMIT,
      globals: options.settings ?? DEFAULT_RENDER_SETTINGS,
    }) as string;
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw new TemplateError(messageOf(error), positionOf(error));
  }
  if (output.length > MAX_RENDERED_LENGTH)
    throw new TemplateError(`renders to more than ${MAX_RENDERED_LENGTH} characters`, null);
  return output;
}

/** Liquid output or tag openings: anything else is plain copy with `{field}` placeholders at most. */
const LIQUID_SYNTAX = /\{\{|\{%/;

function substitute(template: string, context: RenderContext, html: boolean): string {
  if (template.length > MAX_TEMPLATE_LENGTH)
    throw new TemplateError(`is longer than ${MAX_TEMPLATE_LENGTH} characters`, null);
  return template.replace(PLAIN_PLACEHOLDER, (_match, path: string) => {
    const text = toText(valueAt(context, path));
    return html ? escapeHtml(text) : text;
  });
}

/**
 * Every variable the template reads from outside (loop and assigned variables excluded), as
 * full paths (`order.id`, `items[0].name`), `{field}` placeholders included.
 */
export function variablesOf(template: string): string[] {
  if (!LIQUID_SYNTAX.test(template)) return placeholdersOf(template);
  return [...new Set(ENGINES.text.liquid.globalFullVariablesSync(parsed('text', template)))];
}

/**
 * Every distinct `{field}` placeholder path in `template`, in order of first use. These are
 * required data (as the seed's templates always required them); Liquid `{{ … }}` variables
 * are required only when declared in `dataFields`, since Liquid can test for them
 * (`{% if %}`) or give them a `default`.
 */
export function placeholdersOf(template: string | null | undefined): string[] {
  if (!template) return [];
  const placeholder = LIQUID_SYNTAX.test(template) ? LEGACY_PLACEHOLDER : PLAIN_PLACEHOLDER;
  return [...new Set([...template.matchAll(placeholder)].map((match) => at(match, 1, 'placeholder path')))];
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

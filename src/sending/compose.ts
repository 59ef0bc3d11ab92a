import type { OutboundContent } from '../channels/content.js';
import type { Recipient } from '../recipients/recipient.entity.js';
import { BadUserInputError } from '../shared/errors.js';
import { at } from '../shared/at.js';
import { canonicalLocale, translationFor } from '../templates/localized-copy.js';
import {
  DEFAULT_RENDER_SETTINGS,
  renderTemplate,
  TemplateError,
  valueAt,
  type RenderContext,
} from '../templates/renderer.js';
import { dataPlaceholders, type TemplateCopyField } from '../templates/template-copy.js';
import type { Template } from '../templates/template.entity.js';

/** What the inbox stores and shows: never contains a sensitive value. */
export interface InboxCopy {
  readonly title: string;
  readonly message: string;
  readonly htmlContent: string | null;
}

export interface ComposedNotification {
  readonly inbox: InboxCopy;
  /** The real copy for email, SMS and push; contains sensitive values when `sensitive`. */
  readonly outbound: OutboundContent;
  /** True when `outbound` carries sensitive values and must be sealed before it is stored. */
  readonly sensitive: boolean;
  /** The send's data without its sensitive fields, kept in the notification's metadata. */
  readonly publicData: Record<string, unknown>;
}

/** Shown in stored copies where a sensitive value was. */
export const MASK = '••••••';

/** Every data field the template needs and `data` lacks (empty strings count as missing). */
export function missingTemplateData(template: Template, data: Record<string, unknown>): string[] {
  const needed = new Set(template.dataFields);
  // Templates inserted with plain SQL may use placeholders they never declared: require those too.
  for (const { path } of dataPlaceholders(template)) needed.add(path);
  return [...needed].filter((path) => {
    const value = valueAt(data, path);
    return value === undefined || value === null || value === '';
  });
}

/** Throws BAD_USER_INPUT listing every data field the template needs and `data` lacks. */
export function assertTemplateData(template: Template, data: Record<string, unknown>): void {
  const missing = missingTemplateData(template, data);
  if (missing.length) {
    throw new BadUserInputError(
      `Template "${template.key}" needs data fields that are missing: ${missing.join(', ')}`,
      missing.map((path) => `data.${path}`),
    );
  }
}

/**
 * Renders a template for one user. Call {@link assertTemplateData} first. A template that
 * fails to render (a limit broken, a filter given the wrong input) is BAD_USER_INPUT naming
 * the template: nothing is written.
 */
export function composeFromTemplate(
  template: Template,
  data: Record<string, unknown>,
  userId: string,
  recipient: Recipient | null,
  actionUrl?: string | null,
  locale?: string | null,
): ComposedNotification {
  try {
    return renderAll(template, data, userId, recipient, actionUrl, locale);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw new BadUserInputError(`Template "${template.key}" could not be rendered: ${error.message}`, ['templateKey']);
  }
}

function renderAll(
  template: Template,
  data: Record<string, unknown>,
  userId: string,
  recipient: Recipient | null,
  actionUrl?: string | null,
  sendLocale?: string | null,
): ComposedNotification {
  // The send's locale wins over the recipient's; the copy is the best translation for it.
  const locale = canonicalLocale(sendLocale) ?? canonicalLocale(recipient?.locale);
  const translation = translationFor(template.translations, locale);
  const copy = <F extends TemplateCopyField>(field: F): Template[F] => translation?.[field] ?? template[field];
  const settings = {
    locale: locale ?? DEFAULT_RENDER_SETTINGS.locale,
    timeZone: validTimeZone(recipient?.timezone) ?? DEFAULT_RENDER_SETTINGS.timeZone,
  };
  const render = (source: string, values: RenderContext, html = false) =>
    renderTemplate(source, values, { html, settings });
  const context: RenderContext = { ...data, userId, recipient: recipientContext(recipient) };
  const sensitive = template.sensitiveFields.filter((path) => valueAt(data, path) !== undefined);
  const masked = sensitive.reduce<Record<string, unknown>>(
    (values, path) => withValueAt(values, path, MASK),
    structuredClone(context),
  );
  const subject = copy('subjectTemplate') ?? template.name;
  const message = copy('messageTemplate');
  const html = copy('htmlTemplate');
  return {
    inbox: {
      title: render(subject, masked),
      message: render(message, masked),
      htmlContent: html ? render(html, masked, true) : null,
    },
    outbound: {
      email: {
        subject: render(subject, context),
        text: render(message, context),
        html: html ? render(html, context, true) : null,
      },
      sms: { text: render(copy('smsTemplate') ?? message, context) },
      push: {
        title: render(copy('pushTitleTemplate') ?? subject, context),
        body: render(copy('pushBodyTemplate') ?? message, context),
        url: actionUrl ?? null,
      },
    },
    sensitive: sensitive.length > 0,
    publicData: sensitive.reduce<Record<string, unknown>>(
      (copy, path) => withoutValueAt(copy, path),
      structuredClone(data),
    ),
  };
}

/** A direct send: the caller's title and message on every channel. */
export function composeDirect(
  title: string,
  message: string,
  htmlContent: string | null | undefined,
  actionUrl: string | null | undefined,
): ComposedNotification {
  return {
    inbox: { title, message, htmlContent: htmlContent ?? null },
    outbound: {
      email: { subject: title, text: message, html: htmlContent ?? null },
      sms: { text: `${title}: ${message}` },
      push: { title, body: message, url: actionUrl ?? null },
    },
    sensitive: false,
    publicData: {},
  };
}

function recipientContext(recipient: Recipient | null): Record<string, unknown> {
  if (!recipient) return {};
  const { email, phone, locale, timezone, name, data } = recipient;
  return { email, phone, locale, timezone, name, data: data ?? {} };
}

function withValueAt(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const steps = path.split('.');
  let node: Record<string, unknown> = target;
  for (const step of steps.slice(0, -1)) {
    if (node[step] === null || typeof node[step] !== 'object') return target;
    node = node[step] as Record<string, unknown>;
  }
  node[steps.at(-1)!] = value;
  return target;
}

function withoutValueAt(target: Record<string, unknown>, path: string): Record<string, unknown> {
  const steps = path.split('.');
  let node: Record<string, unknown> = target;
  for (const step of steps.slice(0, -1)) {
    if (node[step] === null || typeof node[step] !== 'object') return target;
    node = node[step] as Record<string, unknown>;
  }
  // The target is a JSON copy (a plain object), not a map: removing the key is the point.
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  delete node[at(steps, -1, 'path segment')];
  return target;
}

/** The recipient's IANA time zone if Intl knows it (a stored zone may predate this runtime's data). */
function validTimeZone(timeZone: string | null | undefined): string | null {
  if (!timeZone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return null;
  }
}

import type { EntityManager } from '@mikro-orm/sql';
import { Recipient } from '../recipients/recipient.entity.js';
import { BadUserInputError } from '../shared/errors.js';
import { canonicalLocale } from '../templates/localized-copy.js';
import { DEFAULT_RENDER_SETTINGS, valueAt, variablesOf } from '../templates/renderer.js';
import { CONTEXT_ROOTS, TEMPLATE_COPY_FIELDS } from '../templates/template-copy.js';
import type { TemplateService } from '../templates/template.service.js';
import { composeFromTemplate, missingTemplateData } from './compose.js';
import { smsSize } from './sms-segments.js';
import type { PreviewTemplateInput, TemplatePreview } from './template-preview.types.js';

/**
 * Renders a template as a send would, for every channel, without writing anything: the
 * template (active or not) with its translations, the recipient when `userId` is given, the
 * locale asked for. A template that fails to render is BAD_USER_INPUT, as the send would be.
 */
export async function previewTemplate(
  em: EntityManager,
  templates: TemplateService,
  input: PreviewTemplateInput,
): Promise<TemplatePreview> {
  const template = await templates.get(em, input.templateKey);
  template.translations = await templates.translationsOf(em, template);
  if (input.locale && !canonicalLocale(input.locale))
    throw new BadUserInputError(`locale "${input.locale}" is not a BCP 47 language tag (e.g. de, de-AT)`, [
      'input.locale',
    ]);
  const recipient = input.userId ? await em.findOne(Recipient, { userId: input.userId }) : null;
  const data = input.data ?? {};
  const userId = input.userId ?? 'preview-user';
  const composed = composeFromTemplate(template, data, userId, recipient, null, input.locale);

  const warnings = missingTemplateData(template, data).map(
    (path) => `data.${path} is required and missing: a send would be refused`,
  );
  const context = { ...data, userId, recipient: recipient ?? {} };
  const unknown = new Set<string>();
  for (const field of TEMPLATE_COPY_FIELDS) {
    const source = template[field];
    if (!source) continue;
    for (const path of variablesOf(source)) {
      const root = /^[A-Za-z_]\w*/.exec(path)?.[0] ?? path;
      const simple = /^[\w.]+$/.test(path);
      const present = simple ? valueAt(context, path) !== undefined : valueAt(context, root) !== undefined;
      if (!present && !(CONTEXT_ROOTS as readonly string[]).includes(root) && !template.dataFields.includes(path))
        unknown.add(path);
    }
  }
  for (const path of unknown) warnings.push(`${path} is not in the data: it prints as nothing`);

  const sms = smsSize(composed.outbound.sms.text);
  return {
    templateKey: template.key,
    locale: canonicalLocale(input.locale) ?? canonicalLocale(recipient?.locale) ?? DEFAULT_RENDER_SETTINGS.locale,
    inApp: composed.inbox,
    email: {
      subject: composed.outbound.email.subject,
      html: composed.outbound.email.html ?? null,
      text: composed.outbound.email.text,
    },
    sms: { text: composed.outbound.sms.text, length: sms.units, segments: sms.segments, encoding: sms.encoding },
    push: { title: composed.outbound.push.title, body: composed.outbound.push.body },
    warnings,
  };
}

import type { EntityManager } from '@mikro-orm/sql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Logger } from '../logger.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../shared/errors.js';
import { normalizeActions, type NotificationActionData } from '../inbox/notification-action.js';
import { normalizeTags } from '../inbox/tags.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { SeededTemplate } from './seeded-template.entity.js';
import { Template } from './template.entity.js';
import { assertTemplateParses, TemplateError } from './renderer.js';
import { canonicalLocale } from './localized-copy.js';
import { dataPlaceholders, TEMPLATE_COPY_FIELDS, type TemplateCopyField } from './template-copy.js';
import { TemplateTranslation } from './template-translation.entity.js';

/** A translation's copy fields as given: undefined leaves one as it is, null falls back to the template's. */
export type LocalizedCopyInput = Partial<Record<TemplateCopyField, string | null>>;

/** Template fields a caller may set. */
export type TemplateChanges = Partial<
  Pick<
    Template,
    | 'name'
    | 'description'
    | 'channels'
    | 'category'
    | 'priority'
    | 'subjectTemplate'
    | 'messageTemplate'
    | 'htmlTemplate'
    | 'smsTemplate'
    | 'pushTitleTemplate'
    | 'pushBodyTemplate'
    | 'dataFields'
    | 'sensitiveFields'
    | 'actions'
    | 'tags'
    | 'isActive'
    | 'critical'
  >
>;

/** An update as the API sends it: null clears an optional field and is refused for a required one. */
export type TemplateUpdate = { [K in keyof TemplateChanges]?: TemplateChanges[K] | null };

export class TemplateService {
  constructor(
    private readonly em: EntityManager,
    private readonly logger: Logger,
  ) {}

  /**
   * Inserts each default template that was never seeded before. A default the operator
   * edited keeps the edits; one they deleted stays deleted.
   */
  async seedDefaults(): Promise<string[]> {
    return this.em.fork().transactional(async (tx) => {
      const done = new Set((await tx.find(SeededTemplate, {})).map((row) => row.key));
      const missing = DEFAULT_TEMPLATES.filter((seed) => !done.has(seed.key));
      if (!missing.length) return [];
      await tx
        .createQueryBuilder(Template)
        .insert(
          missing.map((seed) => ({
            ...seed,
            channels: [...seed.channels],
            dataFields: [...seed.dataFields],
            sensitiveFields: [...(seed.sensitiveFields ?? [])],
          })),
        )
        .onConflict('key')
        .ignore()
        .execute();
      await tx
        .createQueryBuilder(SeededTemplate)
        .insert(missing.map((seed) => ({ key: seed.key })))
        .onConflict('key')
        .ignore()
        .execute();
      this.logger.info({ templates: missing.map((seed) => seed.key) }, 'seeded default templates');
      return missing.map((seed) => seed.key);
    });
  }

  // Reads take the caller's EntityManager: the operation's fork (graphql/request-forks.ts), so a
  // template read twice in one operation is read once. Writes work in a clean fork of their own:
  // a create whose insert fails, or changes refused by assertConsistent, must not stay queued in
  // the operation's unit of work for a later flush to write.

  async list(em: EntityManager, options: { activeOnly: boolean }): Promise<Template[]> {
    return em.find(Template, options.activeOnly ? { isActive: true } : {}, { orderBy: { key: 'asc' } });
  }

  async find(em: EntityManager, key: string): Promise<Template | null> {
    return em.findOne(Template, { key });
  }

  async get(em: EntityManager, key: string): Promise<Template> {
    const template = await this.find(em, key);
    if (!template) throw new NotFoundError('Template', key);
    return template;
  }

  /** The template a send will use; unknown or inactive ones are refused naming `field`. */
  async forSend(em: EntityManager, key: string, field = 'templateKey'): Promise<Template> {
    const template = await this.find(em, key);
    if (!template) throw new BadUserInputError(`${field}: no template "${key}" exists`, [field]);
    if (!template.isActive) throw new BadUserInputError(`${field}: template "${key}" is inactive`, [field]);
    template.translations = await this.translationsOf(em, template);
    return template;
  }

  /** The template's translations, by locale. */
  async translationsOf(em: EntityManager, template: Template): Promise<TemplateTranslation[]> {
    return em.find(TemplateTranslation, { template }, { orderBy: { locale: 'asc' } });
  }

  /**
   * Sets the copy of `key` in `locale` (BCP 47, stored canonical); fields given null or left
   * out use the template's own. Each field must parse, and `{field}` placeholders must be the
   * template's dataFields. Returns the template.
   */
  async upsertTranslation(key: string, locale: string, copy: LocalizedCopyInput): Promise<Template> {
    const canonical = canonicalLocale(locale);
    if (!canonical)
      throw new BadUserInputError(`locale "${locale}" is not a BCP 47 language tag (e.g. de, de-AT)`, ['locale']);
    const em = this.em.fork();
    const template = await em.findOne(Template, { key });
    if (!template) throw new NotFoundError('Template', key);
    let translation = await em.findOne(TemplateTranslation, { template, locale: canonical });
    translation ??= em.create(TemplateTranslation, { template, locale: canonical });
    for (const field of TEMPLATE_COPY_FIELDS) {
      const value = copy[field];
      if (value !== undefined) translation[field] = value;
    }
    assertCopyParses(translation, 'input.');
    const declared = new Set(template.dataFields);
    const undeclared = dataPlaceholders(translation).filter(({ path }) => !declared.has(path));
    if (undeclared.length)
      throw new BadUserInputError(
        `Placeholders not listed in the template's dataFields: ${undeclared.map(({ field, path }) => `${field}: {${path}}`).join(', ')}`,
        [...new Set(undeclared.map(({ field }) => `input.${field}`))],
      );
    await em.flush();
    return template;
  }

  /** Removes the copy of `key` in `locale`; returns the template. */
  async deleteTranslation(key: string, locale: string): Promise<Template> {
    const em = this.em.fork();
    const template = await em.findOne(Template, { key });
    if (!template) throw new NotFoundError('Template', key);
    const removed = await em.nativeDelete(TemplateTranslation, { template, locale: canonicalLocale(locale) ?? locale });
    if (!removed) throw new NotFoundError('Translation', `${key}/${locale}`);
    return template;
  }

  async create(key: string, changes: TemplateChanges): Promise<Template> {
    const em = this.em.fork();
    const template = em.create(Template, { key, name: changes.name!, messageTemplate: changes.messageTemplate! });
    applyChanges(template, changes);
    assertConsistent(template);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new ConflictError(`A template with key "${key}" already exists`);
      throw error;
    }
    return template;
  }

  async update(key: string, changes: TemplateUpdate): Promise<Template> {
    const em = this.em.fork();
    const template = await em.findOne(Template, { key });
    if (!template) throw new NotFoundError('Template', key);
    applyChanges(template, changes);
    assertConsistent(template);
    await em.flush();
    return template;
  }

  async delete(em: EntityManager, key: string): Promise<void> {
    const deleted = await em.nativeDelete(Template, { key });
    if (!deleted) throw new NotFoundError('Template', key);
  }
}

function applyChanges(template: Template, changes: TemplateUpdate): void {
  for (const [field, value] of Object.entries(changes) as [string, unknown][]) {
    if (value === undefined) continue;
    if (value === null && ['name', 'messageTemplate', 'isActive', 'critical', 'category', 'priority'].includes(field)) {
      throw new BadUserInputError(`${field} cannot be null`, [field]);
    }
    const normalized =
      field === 'tags'
        ? normalizeTags(value as string[] | null)
        : field === 'actions'
          ? normalizeActions(value as NotificationActionData[] | null)
          : (value ?? (field === 'dataFields' || field === 'sensitiveFields' ? [] : null));
    Object.assign(template, { [field]: normalized });
  }
  if (changes.channels) template.type = null;
}

/** Every copy field parses as Liquid, every `{field}` placeholder is declared, and sensitive fields are data fields. */
function assertConsistent(template: Template): void {
  assertCopyParses(template, '');
  const declared = new Set(template.dataFields);
  const undeclared = dataPlaceholders(template)
    .filter(({ path }) => !declared.has(path))
    .map(({ field, path }) => `${field}: {${path}}`);
  if (undeclared.length) {
    throw new BadUserInputError(`Placeholders not listed in dataFields: ${undeclared.join(', ')}`, ['dataFields']);
  }
  const strays = template.sensitiveFields.filter((field) => !declared.has(field));
  if (strays.length)
    throw new BadUserInputError(`sensitiveFields must also be dataFields: ${strays.join(', ')}`, ['sensitiveFields']);
}

/** Each copy field parses as Liquid; BAD_USER_INPUT names the field (after `prefix`), line and column. */
function assertCopyParses(copy: Partial<Record<TemplateCopyField, string | null>>, prefix: string): void {
  for (const field of TEMPLATE_COPY_FIELDS) {
    const source = copy[field];
    if (!source) continue;
    try {
      assertTemplateParses(source);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : '';
      throw new BadUserInputError(`${field} is not a valid template: ${error.message}${where}`, [`${prefix}${field}`]);
    }
  }
}

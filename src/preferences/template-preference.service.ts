import type { EntityManager } from '@mikro-orm/sql';
import type { Channel } from '../shared/enums.js';
import { BadUserInputError } from '../shared/errors.js';
import { Template } from '../templates/template.entity.js';
import { TemplatePreference } from './template-preference.entity.js';

/** Per-template preferences: read, changed (through the caller's EntityManager) and applied to sends. */
export class TemplatePreferenceService {
  /** The user's per-template choices, by template key then channel. */
  async list(em: EntityManager, userId: string): Promise<TemplatePreference[]> {
    return em.find(TemplatePreference, { userId }, { orderBy: { templateKey: 'asc', channel: 'asc' } });
  }

  /** Records the choice (one atomic upsert); an unknown template is BAD_USER_INPUT naming templateKey. */
  async set(em: EntityManager, userId: string, templateKey: string, channel: Channel, enabled: boolean): Promise<void> {
    if (!(await em.count(Template, { key: templateKey })))
      throw new BadUserInputError(`templateKey: no template "${templateKey}" exists`, ['templateKey']);
    await em.upsert(
      TemplatePreference,
      { userId, templateKey, channel, enabled, updatedAt: new Date() },
      { onConflictFields: ['userId', 'templateKey', 'channel'] },
    );
  }

  /**
   * The (user, template, channel) choices turned off among these users and templates, on
   * `em`'s connection: what the channel decision needs for one send, in one query.
   */
  static async disabledFor(
    em: EntityManager,
    userIds: readonly string[],
    templateKeys: readonly string[],
  ): Promise<TemplateChoices> {
    const rows = templateKeys.length
      ? await em.find(
          TemplatePreference,
          { userId: { $in: [...userIds] }, templateKey: { $in: [...templateKeys] }, enabled: false },
          { fields: ['userId', 'templateKey', 'channel'] },
        )
      : [];
    const off = new Set(rows.map((row) => choiceKey(row.userId, row.templateKey, row.channel)));
    return { isOff: (userId, templateKey, channel) => off.has(choiceKey(userId, templateKey, channel)) };
  }
}

/** Which per-template choices are off, for one send. */
export interface TemplateChoices {
  isOff(userId: string, templateKey: string, channel: Channel): boolean;
}

function choiceKey(userId: string, templateKey: string, channel: Channel): string {
  return JSON.stringify([userId, templateKey, channel]);
}

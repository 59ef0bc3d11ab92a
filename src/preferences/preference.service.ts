import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { BadUserInputError } from '../shared/errors.js';
import { selectPreferenceFlags } from '../sql/select-preference-flags.js';
import { Preference } from './preference.entity.js';
import {
  PREFERENCE_DEFAULTS,
  PREFERENCE_FIELDS,
  type PreferenceField,
  type PreferenceFlags,
} from './preference-fields.js';

/** Reads and changes users' preferences (through the caller's EntityManager); a user with no row has the defaults. */
export class PreferenceService {
  /** The user's preferences, or the defaults (not stored) when they never changed any. */
  async get(em: EntityManager, userId: string): Promise<Preference> {
    return (await em.findOne(Preference, { userId })) ?? Object.assign(new Preference(), { userId });
  }

  /** Applies the given flags and keeps the rest; creates the row on first change. */
  async update(
    em: EntityManager,
    userId: string,
    changes: Readonly<Partial<Record<PreferenceField, boolean | null>>>,
  ): Promise<Preference> {
    const nulls = PREFERENCE_FIELDS.filter((field) => changes[field] === null);
    if (nulls.length) throw new BadUserInputError(`Preference flags cannot be null: ${nulls.join(', ')}`, nulls);
    const flags = Object.fromEntries(
      PREFERENCE_FIELDS.filter((field) => typeof changes[field] === 'boolean').map((field) => [field, changes[field]]),
    );
    // One atomic statement: insert with the defaults, or update only the given flags.
    return em.upsert(
      Preference,
      { id: randomUUID(), userId, ...flags, updatedAt: new Date() },
      { onConflictFields: ['userId'], onConflictExcludeFields: ['id', 'createdAt'] },
    );
  }

  /** Preference flags of many users at once, on `em`'s connection (and inside its transaction, if any). */
  static async flagsOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, PreferenceFlags>> {
    const byUser = new Map<string, PreferenceFlags>(userIds.map((userId) => [userId, PREFERENCE_DEFAULTS]));
    for (const row of await selectPreferenceFlags(em, userIds)) byUser.set(row.userId, row.flags);
    return byUser;
  }
}

import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Timestamped } from '../db/timestamps.js';
import { PREFERENCE_DEFAULTS, PREFERENCE_FIELDS, type PreferenceField } from './preference-fields.js';

/**
 * One user's notification preferences, in the seed's flat shape: a master toggle per
 * channel and a toggle per channel × category. Everything defaults to on except marketing.
 * The flags are not written out here: they are the columns listed in preference-fields.ts.
 */
@Entity({ tableName: 'notification_preferences' })
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the flags come from PREFERENCE_FIELDS (one list), merged in as an interface
export class Preference extends Timestamped {
  [OptionalProps]?: 'cacheId' | 'createdAt' | 'updatedAt' | PreferenceField;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  userId!: string;

  /**
   * The GraphQL `id`: the user id. One Preferences per user, with the same id before and
   * after the first change (until then there is no row, and no uuid).
   */
  get cacheId(): string {
    return this.userId;
  }

  constructor() {
    super();
    Object.assign(this, PREFERENCE_DEFAULTS);
  }
}

/** Each flag is a boolean property of the entity (declared here, mapped below). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- see the class above
export interface Preference extends Record<PreferenceField, boolean> {}

// One boolean column per flag, with the flag's default in the database too.
for (const field of PREFERENCE_FIELDS)
  Property({ type: 'boolean', default: PREFERENCE_DEFAULTS[field] })(Preference.prototype, field);

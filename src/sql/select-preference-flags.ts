import type { EntityManager } from '@mikro-orm/sql';
import { Preference } from '../preferences/preference.entity.js';
import { PREFERENCE_FIELDS, type PreferenceField, type PreferenceFlags } from '../preferences/preference-fields.js';
import { runSql, textArray } from './run-sql.js';

/** One stored row of flags: the user, and each flag under its property name. */
export interface PreferenceFlagsRow {
  readonly userId: string;
  readonly flags: PreferenceFlags;
}

const flagColumnsByOrm = new WeakMap<object, readonly string[]>();

/** The column of each preference flag, in PREFERENCE_FIELDS order, as the entity maps it. */
function flagColumns(em: EntityManager): readonly string[] {
  const metadata = em.getMetadata();
  let columns = flagColumnsByOrm.get(metadata);
  if (!columns) {
    const properties = metadata.get(Preference).properties;
    columns = PREFERENCE_FIELDS.map((field) => properties[field].fieldNames[0]!);
    flagColumnsByOrm.set(metadata, columns);
  }
  return columns;
}

/**
 * The stored preference flags of these users, on `em`'s connection (and inside its
 * transaction, if any); users who never changed a flag have no row. A plain select: every
 * send reads this, and the flags need no entity around them.
 */
export async function selectPreferenceFlags(
  em: EntityManager,
  userIds: readonly string[],
): Promise<PreferenceFlagsRow[]> {
  const columns = flagColumns(em);
  const rows = await runSql<Record<string, unknown>>(
    em,
    `select user_id, ${columns.join(', ')} from notification_preferences where user_id = any(?::text[])`,
    [textArray(userIds)],
  );
  return rows.map((row) => ({
    userId: String(row.user_id),
    flags: Object.fromEntries(
      PREFERENCE_FIELDS.map((field, index) => [field, Boolean(row[columns[index]!])]),
    ) as Record<PreferenceField, boolean>,
  }));
}

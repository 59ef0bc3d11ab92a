import type { EntityManager } from '@mikro-orm/sql';

/**
 * Runs one statement on `em`'s connection, inside its transaction if it has one, and returns
 * its rows. `?` placeholders take one value each; MikroORM inlines them as escaped literals,
 * so an array goes in as one {@link textArray} literal (`= any(?::text[])`), never as a
 * list of placeholders built by concatenation.
 */
export function runSql<Row extends object>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return em.getConnection().execute<Row[]>(sql, [...params], 'all', em.getTransactionContext());
}

/**
 * A PostgreSQL array literal (`{"a","b"}`) of these values, for a `?::text[]` or `?::uuid[]`
 * parameter. Every element is quoted and `"`/`\` escaped, so no value can split or end the
 * array (an unquoted element would lose surrounding blanks or read as NULL).
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

import { ReferenceKind, type EntityClass, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';

/** One JSON-ready row: column name → value, as json_populate_recordset reads it. */
export type ColumnRow = Record<string, unknown>;

/** An entity's persisted columns, and how to turn one instance into a row of them. */
export interface EntityColumns<T> {
  readonly tableName: string;
  /** Every column the entity maps, in declaration order. */
  readonly columns: readonly string[];
  toRow(entity: T): ColumnRow;
}

interface ColumnOf {
  readonly property: string;
  readonly column: string;
  /** For a many-to-one: the referenced entity's key property, whose value is the column's. */
  readonly referencedKey?: string;
}

// `toRow` is a method, so a mapper of any entity is an EntityColumns<object> and back.
const cache = new WeakMap<object, EntityColumns<object>>();

/**
 * The columns of `entity` as MikroORM maps them, read from its metadata rather than listed
 * by hand: a property added to the entity is written by every insert built on this, instead
 * of silently becoming NULL. Covers scalar properties and many-to-one keys; anything else
 * (collections, embeddables, formulas) makes it throw, so such a change cannot slip past.
 */
export function entityColumns<T extends object>(em: EntityManager, entity: EntityClass<T>): EntityColumns<T> {
  const meta = em.getMetadata().get(entity);
  const cached = cache.get(meta);
  if (cached) return cached;
  const columns: ColumnOf[] = meta.props
    .filter((prop) => prop.persist !== false)
    .map((prop) => columnOf(meta.className, prop));
  const result: EntityColumns<T> = {
    tableName: meta.tableName,
    columns: columns.map((column) => column.column),
    toRow: rowBuilder(columns),
  };
  cache.set(meta, result);
  return result;
}

/**
 * Turns an entity into its row. A missing value (null or undefined) is left out: JSON
 * carries no key for it and json_populate_recordset reads the column as NULL, the same
 * row as an explicit null in less JSON (the send path maps every row it writes).
 */
function rowBuilder(columns: readonly ColumnOf[]): (entity: object) => ColumnRow {
  return (entity) => {
    const source = entity as Record<string, unknown>;
    const row: ColumnRow = {};
    for (const { property, column, referencedKey } of columns) {
      const value = referencedKey
        ? (source[property] as Record<string, unknown> | null | undefined)?.[referencedKey]
        : source[property];
      if (value != null) row[column] = value;
    }
    return row;
  };
}

function columnOf<T>(className: string, prop: EntityProperty<T>): ColumnOf {
  const [column, ...more] = prop.fieldNames;
  if (!column || more.length)
    throw new Error(`${className}.${prop.name}: expected one column, found ${prop.fieldNames.length}`);
  if (prop.kind === ReferenceKind.SCALAR) return { property: prop.name, column };
  // Unset on collections, though MikroORM's type says otherwise.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  const [referencedKey, ...composite] = (prop.referencedPKs ?? []) as string[];
  if (prop.kind === ReferenceKind.MANY_TO_ONE && referencedKey && !composite.length)
    return { property: prop.name, column, referencedKey };
  throw new Error(`${className}.${prop.name}: ${prop.kind} properties are not supported by entityColumns`);
}

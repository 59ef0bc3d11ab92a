import type { EntityManager } from '@mikro-orm/sql';
import { Delivery } from '../delivery/delivery.entity.js';
import { Notification } from '../inbox/notification.entity.js';
import { IdempotencyRecord } from '../sending/idempotency-record.entity.js';
import { entityColumns, type EntityColumns } from './entity-columns.js';
import { runSql } from './run-sql.js';

/** What one send writes: its notifications, their deliveries and, for a keyed request, its idempotency record. */
export interface SendRows {
  readonly notifications: readonly Notification[];
  readonly deliveries: readonly Delivery[];
  readonly idempotency?: IdempotencyRecord | null;
}

/** How many rows of each table the statement wrote. */
export interface SendRowCounts {
  readonly notifications: number;
  readonly deliveries: number;
  readonly idempotency: number;
}

/** The three tables of a send, in the order the statement writes them. */
interface SendTables {
  readonly notifications: EntityColumns<Notification>;
  readonly deliveries: EntityColumns<Delivery>;
  readonly idempotency: EntityColumns<IdempotencyRecord>;
}

// Each table's rows travel as one JSON parameter that PostgreSQL expands with
// json_populate_recordset, so a send of one user or of ten thousand is one statement,
// and the notifications, their deliveries and the idempotency record are written
// atomically without an explicit transaction. The foreign key from deliveries to
// notifications is checked at the end of the statement, when both are in.
// Column lists come from the entity metadata: every mapped property is written.
function insertSendSql(tables: SendTables): string {
  const insert = (name: string, table: EntityColumns<object>) => {
    const columns = table.columns.join(', ');
    return `${name} as (
  insert into ${table.tableName} (${columns})
  select ${columns} from json_populate_recordset(null::${table.tableName}, ?::json)
  returning 1
)`;
  };
  return `with ${insert('notification_rows', tables.notifications)}, ${insert('delivery_rows', tables.deliveries)}, ${insert('idempotency_rows', tables.idempotency)}
select (select count(*) from notification_rows)::int as notifications, (select count(*) from delivery_rows)::int as deliveries,
  (select count(*) from idempotency_rows)::int as idempotency`;
}

const statements = new WeakMap<object, { readonly tables: SendTables; readonly sql: string }>();

/** The statement and its column mappers, built once per ORM (its metadata). */
function sendStatement(em: EntityManager): { readonly tables: SendTables; readonly sql: string } {
  const key = em.getMetadata();
  let statement = statements.get(key);
  if (!statement) {
    const tables: SendTables = {
      notifications: entityColumns(em, Notification),
      deliveries: entityColumns(em, Delivery),
      idempotency: entityColumns(em, IdempotencyRecord),
    };
    statement = { tables, sql: insertSendSql(tables) };
    statements.set(key, statement);
  }
  return statement;
}

/** The column names each table's insert writes (the entity's every mapped column). */
export function sendInsertColumns(em: EntityManager): Readonly<Record<keyof SendTables, readonly string[]>> {
  const { tables } = sendStatement(em);
  return {
    notifications: tables.notifications.columns,
    deliveries: tables.deliveries.columns,
    idempotency: tables.idempotency.columns,
  };
}

/**
 * Writes a send's rows in one statement, on `em`'s connection and inside its transaction
 * if it has one. The send path is the hottest write in Belfry: this skips the unit of work
 * (change sets, identity map) that the ORM would spend on rows it only inserts.
 */
export async function insertSendRows(em: EntityManager, rows: SendRows): Promise<SendRowCounts> {
  const { tables, sql } = sendStatement(em);
  const notifications = rows.notifications.map((notification) => tables.notifications.toRow(notification));
  const deliveries = rows.deliveries.map((delivery) => tables.deliveries.toRow(delivery));
  const idempotency = rows.idempotency ? [tables.idempotency.toRow(rows.idempotency)] : [];
  const [counts] = await runSql<SendRowCounts>(em, sql, [
    JSON.stringify(notifications),
    JSON.stringify(deliveries),
    JSON.stringify(idempotency),
  ]);
  return counts!;
}

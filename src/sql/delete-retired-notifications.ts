import type { EntityManager } from '@mikro-orm/sql';
import { runSql } from './run-sql.js';

/** Which notifications one batch may delete. */
export interface RetiredNotifications {
  /** Items whose `expires_at` is at or before this are deleted at any age. */
  readonly expiredBy: Date;
  /**
   * Items created before this that are read, archived or not in the inbox (an email-only
   * send) are deleted too, unless a delivery of theirs is still queued or sending (a send
   * scheduled far ahead). Null: expired items only.
   */
  readonly retainedAfter: Date | null;
  /** Rows per statement. */
  readonly batchSize: number;
}

/**
 * Deletes up to `batchSize` retired notifications (their deliveries go with them: the
 * foreign key cascades, through the (notification_id, channel) index) in one short
 * statement of its own, and returns how many. Rows another transaction holds are skipped,
 * not waited for: a later batch or run takes them.
 */
export async function deleteRetiredNotifications(em: EntityManager, retired: RetiredNotifications): Promise<number> {
  const expiredBy = retired.expiredBy.toISOString();
  const retainedAfter = retired.retainedAfter?.toISOString() ?? null;
  const [row] = await runSql<{ removed: number }>(
    em,
    `with doomed as (
       select n.id from notifications n
        where (n.expires_at is not null and n.expires_at <= ?::timestamptz)
           or (?::timestamptz is not null and n.created_at < ?::timestamptz
               and (n.read or n.archived_at is not null or not n.in_inbox)
               and not exists (select 1 from deliveries d
                                where d.notification_id = n.id and d.status in ('queued', 'sending')))
        limit ?
        for update of n skip locked
     ), removed as (
       delete from notifications where id in (select id from doomed) returning 1
     )
     select count(*)::int as removed from removed`,
    // ISO strings with explicit casts: MikroORM inlines parameters as literals, and a Date's would lose its zone.
    [expiredBy, retainedAfter, retainedAfter, retired.batchSize],
  );
  return row?.removed ?? 0;
}

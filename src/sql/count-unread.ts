import type { EntityManager } from '@mikro-orm/sql';
import { runSql, textArray } from './run-sql.js';

/** One user's unread count, and how many of those items they have not seen yet. */
export interface UnreadCountRow {
  readonly user_id: string;
  readonly count: number;
  readonly unseen: number;
}

/**
 * Unread counts of many users in one grouped query; users with none are absent. The same
 * visibility as the inbox lists with the unread filter: in the inbox, not archived, not
 * expired, released (send_at passed), not snoozed. Reading implies seeing, so every unseen item is unread:
 * the unseen count comes from the same rows (and the same partial index).
 */
export async function countUnread(em: EntityManager, userIds: readonly string[]): Promise<UnreadCountRow[]> {
  const rows = await runSql<UnreadCountRow>(
    em,
    `select user_id, count(*)::int as count, (count(*) filter (where seen_at is null))::int as unseen
      from notifications
      where user_id = any(?::text[]) and in_inbox and read = false and archived_at is null
        and (expires_at is null or expires_at > now()) and (send_at is null or send_at <= now())
        and (snoozed_until is null or snoozed_until <= now())
      group by user_id`,
    [textArray(userIds)],
  );
  return rows;
}

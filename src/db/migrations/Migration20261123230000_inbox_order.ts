import { Migration } from '@mikro-orm/migrations';

/**
 * Orders the inbox by when an item entered it (`inbox_at`: `send_at` for a scheduled item,
 * else `created_at`) instead of by creation, so an item released after newer ones is listed
 * above them. Existing rows are backfilled; the inbox indexes move to the new column.
 */
export class Migration20261123230000_inbox_order extends Migration {
  override name = 'Migration20261123230000_inbox_order';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notifications" add column "inbox_at" timestamptz null default current_timestamp;`);
    this.addSql(`update "notifications" set "inbox_at" = coalesce("send_at", "created_at");`);
    this.addSql(`alter table "notifications" alter column "inbox_at" set not null;`);
    this.addSql(`drop index if exists "notifications_user_newest_idx";`);
    this.addSql(`drop index if exists "notifications_user_unread_idx";`);
    this.addSql(
      `create index "notifications_user_inbox_idx" on "notifications" ("user_id", "inbox_at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "notifications_user_unread_idx" on "notifications" ("user_id", "inbox_at" desc) where "read" = false;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "notifications_user_inbox_idx";`);
    this.addSql(`drop index if exists "notifications_user_unread_idx";`);
    this.addSql(
      `create index "notifications_user_newest_idx" on "notifications" ("user_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "notifications_user_unread_idx" on "notifications" ("user_id", "created_at" desc) where "read" = false;`,
    );
    this.addSql(`alter table "notifications" drop column "inbox_at";`);
  }
}

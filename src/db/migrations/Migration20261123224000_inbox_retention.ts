import { Migration } from '@mikro-orm/migrations';

export class Migration20261123224000_inbox_retention extends Migration {
  override name = 'Migration20261123224000_inbox_retention';

  override up(): void | Promise<void> {
    // The retention job finds old items by age across all users (inbox-retention.ts).
    this.addSql(`create index "notifications_created_at_idx" on "notifications" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "notifications_created_at_idx";`);
  }
}

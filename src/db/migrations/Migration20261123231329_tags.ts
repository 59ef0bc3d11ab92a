import { Migration } from '@mikro-orm/migrations';

export class Migration20261123231329_tags extends Migration {
  override name = 'Migration20261123231329_tags';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notifications" add "tags" text[] not null default '{}';`);
    this.addSql(`create index "notifications_tags_idx" on "notifications" using gin ("tags");`);

    this.addSql(`alter table "notification_templates" add "tags" text[] not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_templates" drop column "tags";`);

    this.addSql(`drop index "notifications_tags_idx";`);
    this.addSql(`alter table "notifications" drop column "tags";`);
  }
}

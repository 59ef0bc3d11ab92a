import { Migration } from '@mikro-orm/migrations';

export class Migration20261123231813_template_preferences extends Migration {
  override name = 'Migration20261123231813_template_preferences';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_template_preferences" ("user_id" text not null, "template_key" text not null, "channel" text not null, "enabled" boolean not null, "updated_at" timestamptz not null default current_timestamp, primary key ("user_id", "template_key", "channel"));`,
    );

    this.addSql(
      `alter table "notification_template_preferences" add constraint "notification_template_preferences_channel_check" check ("channel" in ('in_app', 'email', 'sms', 'push'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_template_preferences" cascade;`);
  }
}

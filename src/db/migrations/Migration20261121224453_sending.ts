import { Migration } from '@mikro-orm/migrations';

export class Migration20261121224453_sending extends Migration {
  override name = 'Migration20261121224453_sending';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "event_mappings" ("event" text not null, "template_key" text not null, "channels" text[] null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("event"));`,
    );

    this.addSql(
      `create table "template_seeds" ("key" text not null, "seeded_at" timestamptz not null default current_timestamp, primary key ("key"));`,
    );

    this.addSql(`alter table "notifications" add "in_inbox" boolean not null default true;`);

    this.addSql(`alter table "deliveries" add "content" jsonb null, add "sealed_content" text null;`);

    this.addSql(
      `alter table "event_mappings" add constraint "event_mappings_channels_check" check ("channels" <@ array['in_app'::text, 'email'::text, 'sms'::text, 'push'::text]);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "event_mappings" cascade;`);
    this.addSql(`drop table if exists "template_seeds" cascade;`);

    this.addSql(`alter table "deliveries" drop column "content", drop column "sealed_content";`);

    this.addSql(`alter table "notifications" drop column "in_inbox";`);
  }
}

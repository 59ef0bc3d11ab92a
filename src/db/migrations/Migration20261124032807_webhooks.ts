import { Migration } from '@mikro-orm/migrations';

export class Migration20261124032807_webhooks extends Migration {
  override name = 'Migration20261124032807_webhooks';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "webhook_endpoints" ("id" uuid not null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "url" text not null, "events" text[] not null, "description" text null, "sealed_secret" text not null, "enabled" boolean not null default true, "disabled_at" timestamptz null, "disabled_reason" text null, "failing_since" timestamptz null, primary key ("id"));`,
    );

    this.addSql(
      `create table "webhook_attempts" ("id" uuid not null, "endpoint_id" uuid not null, "message_id" text not null, "type" text not null, "payload" jsonb not null, "attempt" int not null, "status_code" int null, "ok" boolean not null, "duration_ms" int not null, "error" text null, "response_excerpt" text null, "at" timestamptz not null default current_timestamp, primary key ("id"));`,
    );
    this.addSql(`create index "webhook_attempts_endpoint_id_at_index" on "webhook_attempts" ("endpoint_id", "at");`);

    this.addSql(
      `alter table "webhook_attempts" add constraint "webhook_attempts_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_attempts" drop constraint "webhook_attempts_endpoint_id_foreign";`);

    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);
    this.addSql(`drop table if exists "webhook_attempts" cascade;`);
  }
}

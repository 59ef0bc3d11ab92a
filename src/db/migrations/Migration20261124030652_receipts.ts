import { Migration } from '@mikro-orm/migrations';

export class Migration20261124030652_receipts extends Migration {
  override name = 'Migration20261124030652_receipts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "delivery_events" ("id" uuid not null, "delivery_id" uuid not null, "type" text not null, "at" timestamptz not null, "detail" jsonb not null, "backend" text not null, "provider_event_id" text not null, "created_at" timestamptz not null default current_timestamp, primary key ("id"));`,
    );
    this.addSql(`create index "delivery_events_delivery_id_at_index" on "delivery_events" ("delivery_id", "at");`);
    this.addSql(
      `alter table "delivery_events" add constraint "delivery_events_backend_provider_event_id_unique" unique ("backend", "provider_event_id");`,
    );

    this.addSql(
      `create table "webhook_nonces" ("nonce" text not null, "expires_at" timestamptz not null, primary key ("nonce"));`,
    );
    this.addSql(`create index "webhook_nonces_expires_at_index" on "webhook_nonces" ("expires_at");`);

    this.addSql(`alter table "deliveries" drop constraint "deliveries_status_check";`);
    this.addSql(
      `alter table "deliveries" add "delivered_at" timestamptz null, add "opened_at" timestamptz null, add "clicked_at" timestamptz null, add "bounced_at" timestamptz null;`,
    );
    this.addSql(
      `create index "deliveries_backend_provider_message_id_index" on "deliveries" ("backend", "provider_message_id");`,
    );
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_status_check" check ("status" in ('queued', 'sending', 'sent', 'delivered', 'failed', 'skipped', 'opened', 'clicked', 'bounced', 'complained', 'undelivered'));`,
    );

    this.addSql(
      `alter table "delivery_events" add constraint "delivery_events_delivery_id_foreign" foreign key ("delivery_id") references "deliveries" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "delivery_events" cascade;`);
    this.addSql(`drop table if exists "webhook_nonces" cascade;`);

    this.addSql(`drop index "deliveries_backend_provider_message_id_index";`);
    this.addSql(`alter table "deliveries" drop constraint "deliveries_status_check";`);
    this.addSql(
      `alter table "deliveries" drop column "delivered_at", drop column "opened_at", drop column "clicked_at", drop column "bounced_at";`,
    );
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_status_check" check ("status" in ('queued', 'sending', 'sent', 'delivered', 'failed', 'skipped'));`,
    );
  }
}

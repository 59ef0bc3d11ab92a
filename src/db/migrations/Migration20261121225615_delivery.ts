import { Migration } from '@mikro-orm/migrations';

export class Migration20261121225615_delivery extends Migration {
  override name = 'Migration20261121225615_delivery';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "idempotency_keys" ("key" text not null, "operation" text not null, "request_hash" text not null, "notification_ids" jsonb not null, "created_at" timestamptz not null default current_timestamp, primary key ("key"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_keys" cascade;`);
  }
}

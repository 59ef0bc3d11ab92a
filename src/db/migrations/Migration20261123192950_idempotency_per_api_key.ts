import { Migration } from '@mikro-orm/migrations';

export class Migration20261123192950_idempotency_per_api_key extends Migration {
  override name = 'Migration20261123192950_idempotency_per_api_key';

  override up(): void | Promise<void> {
    // Records from before cannot be attributed to an API key, and one matched against the
    // wrong caller is the bug this fixes. They only live 24 hours: drop them.
    this.addSql(`delete from "idempotency_keys";`);
    this.addSql(`alter table "idempotency_keys" drop constraint "idempotency_keys_pkey";`);
    this.addSql(`alter table "idempotency_keys" add "api_key_id" text not null;`);
    this.addSql(`alter table "idempotency_keys" add primary key ("api_key_id", "key");`);
  }

  override down(): void | Promise<void> {
    // Two API keys may hold the same key; the old primary key cannot take both.
    this.addSql(`delete from "idempotency_keys";`);
    this.addSql(`alter table "idempotency_keys" drop constraint "idempotency_keys_pkey";`);
    this.addSql(`alter table "idempotency_keys" drop column "api_key_id";`);
    this.addSql(`alter table "idempotency_keys" add primary key ("key");`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261124031236_suppressions extends Migration {
  override name = 'Migration20261124031236_suppressions';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "suppressions" ("channel" text not null, "address" text not null, "reason" text not null, "backend" text null, "created_at" timestamptz not null default current_timestamp, primary key ("channel", "address"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "suppressions" cascade;`);
  }
}

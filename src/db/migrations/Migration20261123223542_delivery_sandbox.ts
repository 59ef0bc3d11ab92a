import { Migration } from '@mikro-orm/migrations';

export class Migration20261123223542_delivery_sandbox extends Migration {
  override name = 'Migration20261123223542_delivery_sandbox';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deliveries" add "sandbox" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deliveries" drop column "sandbox";`);
  }
}

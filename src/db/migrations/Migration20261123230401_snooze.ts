import { Migration } from '@mikro-orm/migrations';

export class Migration20261123230401_snooze extends Migration {
  override name = 'Migration20261123230401_snooze';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notifications" add "snoozed_until" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notifications" drop column "snoozed_until";`);
  }
}

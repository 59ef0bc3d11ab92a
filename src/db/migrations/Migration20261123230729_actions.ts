import { Migration } from '@mikro-orm/migrations';

export class Migration20261123230729_actions extends Migration {
  override name = 'Migration20261123230729_actions';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "notifications" add "actions" jsonb not null default '[]', add "clicked_at" timestamptz null, add "clicked_action" smallint null;`,
    );

    this.addSql(`alter table "notification_templates" add "actions" jsonb not null default '[]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_templates" drop column "actions";`);

    this.addSql(
      `alter table "notifications" drop column "actions", drop column "clicked_at", drop column "clicked_action";`,
    );
  }
}

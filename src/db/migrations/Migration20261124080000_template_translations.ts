import { Migration } from '@mikro-orm/migrations';

/** Template translations (issue 12, item 3): a template's copy per locale. */
export class Migration20261124080000_template_translations extends Migration {
  override name = 'Migration20261124080000_template_translations';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "template_translations" ("id" uuid not null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "template_id" uuid not null, "locale" text not null, "subject_template" text null, "message_template" text null, "html_template" text null, "sms_template" text null, "push_title_template" text null, "push_body_template" text null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "template_translations" add constraint "template_translations_template_id_locale_unique" unique ("template_id", "locale");`,
    );
    this.addSql(
      `alter table "template_translations" add constraint "template_translations_template_id_foreign" foreign key ("template_id") references "notification_templates" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "template_translations" cascade;`);
  }
}

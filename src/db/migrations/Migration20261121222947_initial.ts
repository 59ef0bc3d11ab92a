import { Migration } from '@mikro-orm/migrations';

export class Migration20261121222947_initial extends Migration {
  override name = 'Migration20261121222947_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notifications" ("id" uuid not null, "user_id" text not null, "channels" text[] not null, "category" text not null, "priority" text not null, "title" text not null, "message" text not null, "html_content" text null, "action_url" text null, "read" boolean not null default false, "read_at" timestamptz null, "seen_at" timestamptz null, "archived_at" timestamptz null, "metadata" jsonb null, "template_key" text null, "event" text null, "idempotency_key" text null, "send_at" timestamptz null, "expires_at" timestamptz null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("id"));`,
    );
    this.addSql(
      `create index "notifications_expires_at_idx" on "notifications" ("expires_at") where "expires_at" is not null;`,
    );
    this.addSql(
      `create index "notifications_user_unread_idx" on "notifications" ("user_id", "created_at" desc) where "read" = false;`,
    );
    this.addSql(
      `create index "notifications_user_newest_idx" on "notifications" ("user_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_channels_check" check ("channels" <@ array['in_app'::text, 'email'::text, 'sms'::text, 'push'::text]);`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_category_check" check ("category" in ('account', 'verification', 'security', 'billing', 'marketing', 'system', 'support'));`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_priority_check" check ("priority" in ('low', 'medium', 'high', 'urgent'));`,
    );

    this.addSql(
      `create table "deliveries" ("id" uuid not null, "notification_id" uuid not null, "channel" text not null, "status" text not null, "reason" text null, "backend" text null, "provider_message_id" text null, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "sent_at" timestamptz null, "failed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "deliveries_status_updated_at_index" on "deliveries" ("status", "updated_at");`);
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_notification_id_channel_unique" unique ("notification_id", "channel");`,
    );
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_channel_check" check ("channel" in ('in_app', 'email', 'sms', 'push'));`,
    );
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_status_check" check ("status" in ('queued', 'sending', 'sent', 'delivered', 'failed', 'skipped'));`,
    );

    this.addSql(
      `create table "notification_preferences" ("id" uuid not null, "user_id" text not null, "email_enabled" boolean not null default true, "email_account" boolean not null default true, "email_verification" boolean not null default true, "email_security" boolean not null default true, "email_billing" boolean not null default true, "email_marketing" boolean not null default false, "email_system" boolean not null default true, "email_support" boolean not null default true, "in_app_enabled" boolean not null default true, "in_app_account" boolean not null default true, "in_app_verification" boolean not null default true, "in_app_security" boolean not null default true, "in_app_billing" boolean not null default true, "in_app_marketing" boolean not null default false, "in_app_system" boolean not null default true, "in_app_support" boolean not null default true, "sms_enabled" boolean not null default true, "sms_account" boolean not null default true, "sms_verification" boolean not null default true, "sms_security" boolean not null default true, "sms_billing" boolean not null default true, "sms_marketing" boolean not null default false, "sms_system" boolean not null default true, "sms_support" boolean not null default true, "push_enabled" boolean not null default true, "push_account" boolean not null default true, "push_verification" boolean not null default true, "push_security" boolean not null default true, "push_billing" boolean not null default true, "push_marketing" boolean not null default false, "push_system" boolean not null default true, "push_support" boolean not null default true, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("id"));`,
    );
    this.addSql(
      `alter table "notification_preferences" add constraint "notification_preferences_user_id_unique" unique ("user_id");`,
    );

    this.addSql(
      `create table "push_targets" ("id" uuid not null, "user_id" text not null, "kind" text not null, "token" text not null, "keys" jsonb null, "created_at" timestamptz not null default current_timestamp, "last_used_at" timestamptz null, "disabled_at" timestamptz null, "disabled_reason" text null, primary key ("id"));`,
    );
    this.addSql(`create index "push_targets_user_id_index" on "push_targets" ("user_id");`);
    this.addSql(`alter table "push_targets" add constraint "push_targets_kind_token_unique" unique ("kind", "token");`);
    this.addSql(
      `alter table "push_targets" add constraint "push_targets_kind_check" check ("kind" in ('web_push', 'fcm', 'apns'));`,
    );

    this.addSql(
      `create table "recipients" ("user_id" text not null, "email" text null, "phone" text null, "locale" text null, "timezone" text null, "name" text null, "data" jsonb null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("user_id"));`,
    );

    this.addSql(
      `create table "notification_templates" ("id" uuid not null default gen_random_uuid(), "key" text not null, "name" text not null, "description" text null, "type" text null, "channels" text[] null, "category" text not null default 'system', "priority" text not null default 'medium', "subject_template" text null, "message_template" text not null, "html_template" text null, "sms_template" text null, "push_title_template" text null, "push_body_template" text null, "data_fields" jsonb not null default '[]', "sensitive_fields" jsonb not null default '[]', "is_active" boolean not null default true, "critical" boolean not null default false, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("id"));`,
    );
    this.addSql(
      `alter table "notification_templates" add constraint "notification_templates_key_unique" unique ("key");`,
    );
    this.addSql(
      `alter table "notification_templates" add constraint "notification_templates_type_check" check ("type" in ('in_app', 'email', 'sms', 'push'));`,
    );
    this.addSql(
      `alter table "notification_templates" add constraint "notification_templates_channels_check" check ("channels" <@ array['in_app'::text, 'email'::text, 'sms'::text, 'push'::text]);`,
    );
    this.addSql(
      `alter table "notification_templates" add constraint "notification_templates_category_check" check ("category" in ('account', 'verification', 'security', 'billing', 'marketing', 'system', 'support'));`,
    );
    this.addSql(
      `alter table "notification_templates" add constraint "notification_templates_priority_check" check ("priority" in ('low', 'medium', 'high', 'urgent'));`,
    );

    this.addSql(
      `alter table "deliveries" add constraint "deliveries_notification_id_foreign" foreign key ("notification_id") references "notifications" ("id") on delete cascade;`,
    );
  }
}

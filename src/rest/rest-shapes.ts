import type { Notification } from '../inbox/notification.entity.js';
import type { Preference } from '../preferences/preference.entity.js';
import { PREFERENCE_FIELDS } from '../preferences/preference-fields.js';
import { Channel } from '../shared/enums.js';
import type { Template } from '../templates/template.entity.js';

// The seed's JSON shapes (snake_case, lower-case enum words), written from the entities the
// GraphQL API serves. Extra fields Belfry has (channels, archived, action_url …) come after
// the seed's own, so a client written against the seed finds every field it reads.

/** `inAppEnabled` → `in_app_enabled`, `data.planName` → `data.plan_name`. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/** A notification as the seed's `notifications` table row, plus Belfry's extra fields. */
export function notificationJson(notification: Notification) {
  return {
    id: notification.id,
    user_id: notification.userId,
    // The seed's single `type`: an inbox item is in_app; an item that is not in the inbox names its first channel.
    type: notification.inInbox ? Channel.IN_APP : (notification.channels[0] ?? Channel.IN_APP),
    category: notification.category,
    priority: notification.priority,
    title: notification.title,
    message: notification.message,
    html_content: notification.htmlContent ?? null,
    read: notification.read,
    read_at: iso(notification.readAt),
    metadata: notification.metadata ?? null,
    created_at: iso(notification.createdAt),
    updated_at: iso(notification.updatedAt),
    expires_at: iso(notification.expiresAt),
    channels: notification.channels,
    action_url: notification.actionUrl ?? null,
    archived: notification.archivedAt != null,
    archived_at: iso(notification.archivedAt),
    template_key: notification.templateKey ?? null,
    event: notification.event ?? null,
    send_at: iso(notification.sendAt),
  };
}

/** A template as the seed's `notification_templates` row, plus Belfry's channel copies. */
export function templateJson(template: Template) {
  return {
    id: template.id,
    key: template.key,
    name: template.name,
    description: template.description ?? null,
    type: template.type ?? template.effectiveChannels[0],
    category: template.category,
    priority: template.priority,
    subject_template: template.subjectTemplate ?? null,
    message_template: template.messageTemplate,
    html_template: template.htmlTemplate ?? null,
    data_fields: template.dataFields,
    is_active: template.isActive,
    created_at: iso(template.createdAt),
    updated_at: iso(template.updatedAt),
    channels: template.effectiveChannels,
    critical: template.critical,
  };
}

/** The seed's flat preference row: `email_enabled`, `in_app_security`, … one boolean per flag. */
export function preferencesJson(preference: Preference) {
  return {
    user_id: preference.userId,
    ...Object.fromEntries(PREFERENCE_FIELDS.map((field) => [toSnakeCase(field), preference[field]])),
    updated_at: iso(preference.updatedAt),
  };
}

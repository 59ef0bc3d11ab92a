import { Delivery } from '../delivery/delivery.entity.js';
import { Notification } from '../inbox/notification.entity.js';
import { Preference } from '../preferences/preference.entity.js';
import { TemplatePreference } from '../preferences/template-preference.entity.js';
import { PushTarget } from '../recipients/push-target.entity.js';
import { Recipient } from '../recipients/recipient.entity.js';
import { EventMapping } from '../events/event-mapping.entity.js';
import { SeededTemplate } from '../templates/seeded-template.entity.js';
import { Template } from '../templates/template.entity.js';
import { TemplateTranslation } from '../templates/template-translation.entity.js';
import { IdempotencyRecord } from '../sending/idempotency-record.entity.js';
import { DeliveryEvent } from '../receipts/delivery-event.entity.js';
import { WebhookNonce } from '../receipts/webhook-nonce.entity.js';
import { Suppression } from '../suppression/suppression.entity.js';
import { WebhookAttempt } from '../webhooks/webhook-attempt.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';

/** Every entity, listed explicitly: no folder discovery at start-up. */
export const entities = [
  Notification,
  Template,
  TemplateTranslation,
  SeededTemplate,
  EventMapping,
  Preference,
  TemplatePreference,
  Recipient,
  PushTarget,
  Delivery,
  IdempotencyRecord,
  DeliveryEvent,
  WebhookNonce,
  Suppression,
  WebhookEndpoint,
  WebhookAttempt,
];

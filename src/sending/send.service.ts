import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { DeliveryQueue } from '../delivery/delivery-queue.js';
import { Delivery, type DeliveryContent } from '../delivery/delivery.entity.js';
import { deliveryChanged } from '../delivery/delivery-activity.js';
import type { InboxService } from '../inbox/inbox.service.js';
import { normalizeActions, type NotificationActionData } from '../inbox/notification-action.js';
import { normalizeTags } from '../inbox/tags.js';
import { Notification } from '../inbox/notification.entity.js';
import { decideChannel, type ChannelDecision } from '../preferences/channel-decision.js';
import { PreferenceService } from '../preferences/preference.service.js';
import { TemplatePreferenceService } from '../preferences/template-preference.service.js';
import { PushTarget } from '../recipients/push-target.entity.js';
import { Recipient } from '../recipients/recipient.entity.js';
import type { Sealer } from '../secrets/sealer.js';
import { Category, Channel, DeliveryStatus, Priority } from '../shared/enums.js';
import { BadUserInputError, ConflictError } from '../shared/errors.js';
import { canonicalLocale } from '../templates/localized-copy.js';
import type { Template } from '../templates/template.entity.js';
import { assertTemplateData, composeDirect, composeFromTemplate, type ComposedNotification } from './compose.js';
import { IDEMPOTENCY_WINDOW_MS, type IdempotentRequest } from './idempotency.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';
import { insertSendRows, type SendRows } from '../sql/insert-send-rows.js';
import { at } from '../shared/at.js';
import { comparable, SuppressionService } from '../suppression/suppression.service.js';
import type { Activity, ActivityFeed } from '../shared/activity.js';

/** A queue job to add with the send's rows. */
type QueuedJob = { channel: Channel; deliveryId: string; startAfter: Date | null };

/** One notification for one user, ready to be written and queued. */
export interface Dispatch {
  readonly userId: string;
  readonly channels: readonly Channel[];
  readonly category: Category;
  readonly priority: Priority;
  /** Critical notifications ignore preferences (not missing addresses). */
  readonly critical: boolean;
  /** Renders the copy once the recipient is read, inside the transaction. */
  compose(recipient: Recipient | null): ComposedNotification;
  /** The notification's metadata, given its rendered copy. */
  metadata(composed: ComposedNotification): Record<string, unknown> | null;
  readonly actionUrl?: string | null;
  /** Up to two buttons, validated. */
  readonly actions?: readonly NotificationActionData[] | null;
  /** Validated; normalized when written. */
  readonly tags?: readonly string[] | null;
  readonly expiresAt?: Date | null;
  readonly sendAt?: Date | null;
  readonly templateKey?: string | null;
  readonly event?: string | null;
}

/** Options every kind of send accepts. */
export interface SendOptions {
  readonly channels?: readonly Channel[] | null;
  readonly actionUrl?: string | null;
  readonly metadata?: Record<string, unknown> | null;
  /** Up to two buttons (validated at the edge); a template send without them uses the template's. */
  readonly actions?: readonly NotificationActionData[] | null;
  /** Up to ten tags (validated at the edge); a template send adds the template's. */
  readonly tags?: readonly string[] | null;
  readonly expiresAt?: Date | null;
  /** Hold every channel, the inbox item included, until then. */
  readonly sendAt?: Date | null;
  readonly idempotency?: IdempotentRequest | null;
}

/** A direct send, as the sendNotification input carries it. */
export interface DirectSend extends SendOptions {
  readonly userId: string;
  readonly category: Category;
  readonly priority: Priority;
  readonly title: string;
  readonly message: string;
  readonly htmlContent?: string | null;
}

export interface TemplateSendOptions extends SendOptions {
  /** The event that caused the send, recorded on the notification. */
  readonly event?: string | null;
  /** Render in this locale (BCP 47) rather than each recipient's own. */
  readonly locale?: string | null;
}

/**
 * Writes notifications and their deliveries in one transaction: the inbox item, and one
 * delivery per requested channel — SKIPPED with its reason, DELIVERED for in-app, or QUEUED
 * with its queue job (which exists only if the transaction commits). Live events go out
 * after the commit.
 */
export class SendService {
  constructor(
    private readonly em: EntityManager,
    private readonly inbox: InboxService,
    private readonly queue: DeliveryQueue,
    private readonly sealer: Sealer,
    private readonly activity: ActivityFeed,
    /** The one-click unsubscribe link of a MARKETING email (null without PUBLIC_URL: no header then). */
    private readonly unsubscribeLink?: (userId: string, category: Category) => string | null,
  ) {}

  /** A notification with the caller's own copy. */
  async sendDirect(input: DirectSend): Promise<Notification> {
    const notifications = await this.dispatch(
      [
        {
          userId: input.userId,
          channels: input.channels?.length ? input.channels : [Channel.IN_APP],
          category: input.category,
          priority: input.priority,
          critical: false,
          compose: () => composeDirect(input.title, input.message, input.htmlContent, input.actionUrl),
          metadata: () => input.metadata ?? null,
          actionUrl: input.actionUrl,
          actions: input.actions,
          tags: input.tags,
          expiresAt: input.expiresAt,
          sendAt: input.sendAt,
        },
      ],
      input.idempotency,
    );
    return at(notifications, 0, 'notification');
  }

  /**
   * One notification per user from an active template. Missing data fails the whole send
   * with BAD_USER_INPUT before anything is written.
   */
  async sendTemplate(
    template: Template,
    userIds: readonly string[],
    data: Record<string, unknown>,
    options: TemplateSendOptions = {},
  ): Promise<Notification[]> {
    assertTemplateData(template, data);
    if (options.locale && !canonicalLocale(options.locale))
      throw new BadUserInputError(`locale "${options.locale}" is not a BCP 47 language tag (e.g. de, de-AT)`, [
        'locale',
      ]);
    return this.dispatch(
      userIds.map((userId) => ({
        userId,
        channels: options.channels?.length ? options.channels : template.effectiveChannels,
        category: template.category,
        priority: template.priority,
        critical: template.critical,
        compose: (recipient) =>
          composeFromTemplate(template, data, userId, recipient, options.actionUrl, options.locale),
        // Template data is kept for the app to use, minus its secrets; explicit metadata wins.
        metadata: (composed) => ({ ...composed.publicData, ...(options.metadata ?? {}) }),
        actionUrl: options.actionUrl,
        actions: options.actions ?? template.actions,
        tags: [...template.tags, ...(options.tags ?? [])],
        expiresAt: options.expiresAt,
        sendAt: options.sendAt,
        templateKey: template.key,
        event: options.event,
      })),
      options.idempotency,
    );
  }

  async dispatch(dispatches: readonly Dispatch[], idempotency?: IdempotentRequest | null): Promise<Notification[]> {
    if (idempotency) {
      const earlier = await this.earlierResult(idempotency);
      if (earlier) return earlier;
    }
    let rows: SendRows;
    try {
      rows = await this.write(dispatches, idempotency);
    } catch (error) {
      // The same key sent concurrently: the other request won; answer with its result.
      if (idempotency && isUniqueViolation(error)) {
        const earlier = await this.earlierResult(idempotency);
        if (earlier) return earlier;
      }
      throw error;
    }
    const notifications = [...rows.notifications];
    const now = Date.now();
    await this.inbox.announce(
      notifications.filter(
        (notification) => notification.inInbox && !(notification.sendAt && notification.sendAt.getTime() > now),
      ),
    );
    if (this.activity.heard) await this.activity.publish(sendActivities(rows));
    return notifications;
  }

  /**
   * Decides every channel, then writes the rows in one statement. Only a send that queues
   * jobs needs a transaction: its jobs and its rows must commit together.
   */
  private async write(dispatches: readonly Dispatch[], idempotency?: IdempotentRequest | null): Promise<SendRows> {
    const em = this.em.fork();
    const { rows, jobs } = await this.plan(em, dispatches, idempotency);
    if (!jobs.length) {
      await insertSendRows(em, rows);
    } else {
      await em.transactional(async (tx) => {
        await insertSendRows(tx, rows);
        await this.queue.enqueueInTransaction(tx, jobs);
      });
    }
    return rows;
  }

  /** The rows a send writes and the jobs it queues, from the users' preferences and contact data. */
  private async plan(
    em: EntityManager,
    dispatches: readonly Dispatch[],
    idempotency?: IdempotentRequest | null,
  ): Promise<{ rows: SendRows; jobs: QueuedJob[] }> {
    const userIds = [...new Set(dispatches.map((dispatch) => dispatch.userId))];
    const wants = (channel: Channel) => dispatches.some((dispatch) => dispatch.channels.includes(channel));
    const preferences = await PreferenceService.flagsOf(em, userIds);
    const templateKeys = [...new Set(dispatches.flatMap((dispatch) => dispatch.templateKey ?? []))];
    const templateChoices = await TemplatePreferenceService.disabledFor(em, userIds, templateKeys);
    // Contact data and push targets are read only when a send can use them (templates may address the recipient by name).
    const needsRecipients =
      wants(Channel.EMAIL) || wants(Channel.SMS) || dispatches.some((dispatch) => dispatch.templateKey);
    const recipients = new Map(
      needsRecipients
        ? (await em.find(Recipient, { userId: { $in: userIds } })).map((recipient) => [recipient.userId, recipient])
        : [],
    );
    const suppressedEmails = wants(Channel.EMAIL)
      ? await SuppressionService.suppressedAmong(
          em,
          Channel.EMAIL,
          [...recipients.values()].flatMap((recipient) => recipient.email ?? []),
        )
      : new Set<string>();
    const suppressedPhones = wants(Channel.SMS)
      ? await SuppressionService.suppressedAmong(
          em,
          Channel.SMS,
          [...recipients.values()].flatMap((recipient) => recipient.phone ?? []),
        )
      : new Set<string>();
    const pushable = new Set(
      wants(Channel.PUSH)
        ? (await em.find(PushTarget, { userId: { $in: userIds }, disabledAt: null }, { fields: ['userId'] })).map(
            (target) => target.userId,
          )
        : [],
    );
    const jobs: QueuedJob[] = [];
    const notifications: Notification[] = [];
    const deliveries: Delivery[] = [];
    for (const dispatch of dispatches) {
      const recipient = recipients.get(dispatch.userId) ?? null;
      const composed = dispatch.compose(recipient);
      const scheduled = dispatch.sendAt && dispatch.sendAt.getTime() > Date.now() ? dispatch.sendAt : null;
      const reach = {
        hasEmail: Boolean(recipient?.email),
        hasPhone: Boolean(recipient?.phone),
        hasPushTarget: pushable.has(dispatch.userId),
        emailSuppressed: Boolean(recipient?.email && suppressedEmails.has(comparable(Channel.EMAIL, recipient.email))),
        phoneSuppressed: Boolean(recipient?.phone && suppressedPhones.has(comparable(Channel.SMS, recipient.phone))),
      };
      const channels = [...new Set(dispatch.channels)];
      const decisions = new Map(
        channels.map((channel) => [
          channel,
          decideChannel({
            channel,
            category: dispatch.category,
            critical: dispatch.critical,
            preferences: preferences.get(dispatch.userId)!,
            reach,
            templateOff:
              dispatch.templateKey && templateChoices.isOff(dispatch.userId, dispatch.templateKey, channel)
                ? dispatch.templateKey
                : null,
          }),
        ]),
      );
      const notification = Object.assign(new Notification(), {
        userId: dispatch.userId,
        channels,
        inInbox: decisions.get(Channel.IN_APP)?.send === true,
        category: dispatch.category,
        priority: dispatch.priority,
        title: composed.inbox.title,
        message: composed.inbox.message,
        htmlContent: composed.inbox.htmlContent ?? null,
        actionUrl: dispatch.actionUrl ?? null,
        actions: normalizeActions(dispatch.actions),
        tags: normalizeTags(dispatch.tags),
        metadata: dispatch.metadata(composed),
        expiresAt: dispatch.expiresAt ?? null,
        sendAt: scheduled,
        templateKey: dispatch.templateKey ?? null,
        event: dispatch.event ?? null,
        idempotencyKey: idempotency?.key ?? null,
      });
      notification.updatedAt = notification.createdAt;
      notification.inboxAt = scheduled ?? notification.createdAt;
      for (const [channel, decision] of decisions) {
        const delivery = Object.assign(new Delivery(), {
          notification,
          channel,
          createdAt: notification.createdAt,
          ...this.deliveryState(channel, decision, composed, scheduled, () =>
            dispatch.category === Category.MARKETING
              ? (this.unsubscribeLink?.(dispatch.userId, dispatch.category) ?? null)
              : null,
          ),
        });
        delivery.updatedAt = delivery.createdAt;
        deliveries.push(delivery);
        if (delivery.status === DeliveryStatus.QUEUED)
          jobs.push({ channel, deliveryId: delivery.id, startAfter: scheduled });
      }
      notifications.push(notification);
    }
    const record = idempotency
      ? Object.assign(new IdempotencyRecord(), {
          apiKeyId: idempotency.apiKeyId,
          key: idempotency.key,
          operation: idempotency.operation,
          requestHash: idempotency.requestHash,
          notificationIds: notifications.map((notification) => notification.id),
        })
      : null;
    return { rows: { notifications, deliveries, idempotency: record }, jobs };
  }

  /** The notifications of an earlier send with this key, or CONFLICT if that send was a different request. */
  private async earlierResult(request: IdempotentRequest): Promise<Notification[] | undefined> {
    const em = this.em.fork();
    const record = await em.findOne(IdempotencyRecord, { apiKeyId: request.apiKeyId, key: request.key });
    if (!record) return undefined;
    if (record.createdAt.getTime() < Date.now() - IDEMPOTENCY_WINDOW_MS) {
      await em.nativeDelete(IdempotencyRecord, {
        apiKeyId: request.apiKeyId,
        key: request.key,
        createdAt: record.createdAt,
      });
      return undefined;
    }
    if (record.operation !== request.operation || record.requestHash !== request.requestHash) {
      throw new ConflictError(`idempotencyKey "${request.key}" was already used for a different request`);
    }
    const found = await em.find(Notification, { id: { $in: record.notificationIds } });
    const byId = new Map(found.map((notification) => [notification.id, notification]));
    return record.notificationIds
      .map((id) => byId.get(id))
      .filter((notification): notification is Notification => notification !== undefined);
  }

  private deliveryState(
    channel: Channel,
    decision: ChannelDecision,
    composed: ComposedNotification,
    scheduled: Date | null,
    unsubscribeUrl: () => string | null,
  ): Pick<Delivery, 'status'> & Partial<Delivery> {
    if (!decision.send) return { status: DeliveryStatus.SKIPPED, reason: decision.reason };
    if (channel === Channel.IN_APP)
      return scheduled ? { status: DeliveryStatus.QUEUED } : { status: DeliveryStatus.DELIVERED, sentAt: new Date() };
    const content = contentFor(channel, composed, channel === Channel.EMAIL ? unsubscribeUrl() : null);
    return composed.sensitive
      ? { status: DeliveryStatus.QUEUED, sealedContent: this.sealer.seal(content) }
      : { status: DeliveryStatus.QUEUED, content };
  }
}

function contentFor(channel: Channel, composed: ComposedNotification, unsubscribeUrl: string | null): DeliveryContent {
  switch (channel) {
    case Channel.EMAIL:
      return { email: unsubscribeUrl ? { ...composed.outbound.email, unsubscribeUrl } : composed.outbound.email };
    case Channel.SMS:
      return { sms: composed.outbound.sms };
    case Channel.PUSH:
      return { push: composed.outbound.push };
    default:
      throw new Error(`no outbound content for ${channel}`);
  }
}

/** A duplicate key, however the driver reports it (ORM exception or raw PostgreSQL code). */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException || (error as { code?: string } | null)?.code === '23505';
}

/** What a send did, for the activity feed: each notification created, each delivery decided at once (skipped, or in-app delivered). */
function sendActivities(rows: SendRows): Activity[] {
  const activities: Activity[] = rows.notifications.map((notification) => ({
    kind: 'notification.created',
    notificationId: notification.id,
    userId: notification.userId,
    category: notification.category,
    templateKey: notification.templateKey ?? null,
    at: notification.createdAt,
  }));
  for (const delivery of rows.deliveries) {
    if (delivery.status !== DeliveryStatus.SKIPPED && delivery.status !== DeliveryStatus.DELIVERED) continue;
    activities.push(deliveryChanged(delivery, delivery.createdAt));
  }
  return activities;
}

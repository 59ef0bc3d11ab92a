import type { EntityManager } from '@mikro-orm/sql';
import type { ChannelOutcome } from '../channels/channel.js';
import type { Channels } from '../channels/channels.js';
import type { PushContent } from '../channels/content.js';
import { isExpired } from '../channels/expiry.js';
import { SendError, toSendError } from '../channels/send-error.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { Logger } from '../logger.js';
import { PushTarget } from '../recipients/push-target.entity.js';
import type { Sealer } from '../secrets/sealer.js';
import type { ActivityFeed } from '../shared/activity.js';
import type { SuppressionService } from '../suppression/suppression.service.js';
import { Channel, DeliveryStatus } from '../shared/enums.js';
import { DeliveryStore, type ClaimedDelivery, type DeliveryOutcome } from './delivery-store.js';
import { Delivery, type DeliveryContent } from './delivery.entity.js';
import { deliveryChanged } from './delivery-activity.js';
import type { DeliveryAttempt } from './delivery-queue.js';

const FINISHED = new Set([
  DeliveryStatus.SENT,
  DeliveryStatus.DELIVERED,
  DeliveryStatus.FAILED,
  DeliveryStatus.SKIPPED,
]);
/** The send error of a Twilio refusal for an opted-out number (carrier error 21610). */
const TWILIO_OPTED_OUT_CODE = 'twilio_21610';

/** Failures that mean "not ours to send" rather than "sending went wrong": the delivery ends SKIPPED with the code as its reason. */
const SKIP_CODES = new Set(['expired', 'no_provider']);

/**
 * Runs one delivery job: claim (QUEUED → SENDING) → `channel.send` → finish (SENT, SKIPPED,
 * FAILED, or QUEUED again for the queue's retry). State is committed before the provider
 * call, so a process killed mid-send leaves SENDING, and the expired job runs again after
 * restart. A finished delivery is never sent again, whatever job arrives for it.
 */
export class DeliveryWorker {
  private readonly store: DeliveryStore;

  constructor(
    private readonly em: EntityManager,
    private readonly channels: Channels,
    private readonly sealer: Sealer,
    private readonly inbox: InboxService,
    private readonly activity: ActivityFeed,
    private readonly suppressions: SuppressionService,
    private readonly logger: Logger,
  ) {
    this.store = new DeliveryStore(em);
  }

  async process(channel: Channel, job: DeliveryAttempt): Promise<void> {
    if (channel === Channel.IN_APP) return this.publishScheduled(job.deliveryId);
    const delivery = await this.store.claim(job.deliveryId);
    if (!delivery) return;
    if (isExpired(delivery.expiresAt)) {
      await this.finish(delivery, { status: DeliveryStatus.SKIPPED, attempts: delivery.attempts, reason: 'expired' });
      return;
    }
    if (delivery.suppressed) {
      await this.finish(delivery, {
        status: DeliveryStatus.SKIPPED,
        attempts: delivery.attempts,
        reason: 'suppressed',
      });
      return;
    }

    let outcome: ChannelOutcome;
    try {
      outcome = await this.send(delivery, this.contentOf(delivery), job.signal);
    } catch (error) {
      outcome = { ok: false, provider: null, error: toSendError(error), attempts: 1 };
    }
    // The claim counted one attempt already.
    const attempts = delivery.attempts + Math.max(0, outcome.attempts - 1);
    if (outcome.ok) {
      await this.finish(delivery, {
        status: DeliveryStatus.SENT,
        attempts,
        backend: outcome.provider,
        providerMessageId: outcome.providerMessageId,
        sandbox: outcome.sandbox === true,
      });
      return;
    }
    const { error } = outcome;
    if (SKIP_CODES.has(error.code)) {
      await this.finish(delivery, { status: DeliveryStatus.SKIPPED, attempts, reason: error.code });
      this.logger.info({ deliveryId: delivery.id, channel, reason: error.code }, 'delivery skipped');
      return;
    }
    // Twilio refuses numbers that replied STOP: later texts to it are skipped, not failed again.
    if (error.code === TWILIO_OPTED_OUT_CODE && delivery.phone)
      await this.suppressions.add(this.em.fork(), Channel.SMS, delivery.phone, 'opt_out', outcome.provider);
    const final = !error.retryable || job.lastRun;
    await this.finish(delivery, {
      status: final ? DeliveryStatus.FAILED : DeliveryStatus.QUEUED,
      attempts,
      backend: outcome.provider,
      lastError: `${error.code}: ${error.message}`.slice(0, 2000),
    });
    this.logger.warn(
      { deliveryId: delivery.id, channel, code: error.code, final },
      final ? 'delivery failed' : 'delivery will be retried',
    );
    if (!final) throw error;
  }

  /** Records the outcome, then tells the activity feed of a state reached (a retry is not one). */
  private async finish(delivery: ClaimedDelivery, outcome: DeliveryOutcome): Promise<void> {
    await this.store.finish(delivery.id, outcome);
    if (outcome.status === DeliveryStatus.QUEUED) return;
    await this.activity.publish([
      {
        kind: 'delivery.changed',
        deliveryId: delivery.id,
        notificationId: delivery.notificationId,
        userId: delivery.userId,
        channel: delivery.channel,
        category: delivery.category,
        templateKey: delivery.templateKey,
        status: outcome.status,
        backend: 'backend' in outcome ? outcome.backend : null,
        reason: 'reason' in outcome ? outcome.reason : 'lastError' in outcome ? outcome.lastError : null,
        attempts: outcome.attempts,
        dueAt: delivery.dueAt,
        at: new Date(),
      },
    ]);
  }

  private contentOf(delivery: ClaimedDelivery): DeliveryContent {
    if (delivery.sealedContent) return this.sealer.open<DeliveryContent>(delivery.sealedContent);
    if (delivery.content) return delivery.content;
    throw new SendError('no_content', 'the delivery has no content to send');
  }

  private send(delivery: ClaimedDelivery, content: DeliveryContent, signal: AbortSignal): Promise<ChannelOutcome> {
    if ('email' in content) return this.channels.email.send(delivery, content.email, signal);
    if ('sms' in content) return this.channels.sms.send(delivery, content.sms, signal);
    return this.sendPush(delivery, content.push, signal);
  }

  /** Push goes to every live target of the user; the dead ones it reports are disabled, the ones it reached marked used. */
  private async sendPush(
    delivery: ClaimedDelivery,
    content: PushContent,
    signal: AbortSignal,
  ): Promise<ChannelOutcome> {
    const em = this.em.fork();
    const targets = await em.find(PushTarget, { userId: delivery.userId, disabledAt: null });
    const outcome = await this.channels.push.send(delivery, content, targets, signal);
    for (const target of targets) {
      const gone = outcome.gone.get(target.id);
      if (gone) Object.assign(target, { disabledAt: new Date(), disabledReason: gone.message.slice(0, 500) });
      else if (outcome.reached.has(target.id)) target.lastUsedAt = new Date();
    }
    await em.flush();
    return outcome;
  }

  /** A scheduled in-app item becomes visible at its send time: mark it delivered and push it live. */
  private async publishScheduled(deliveryId: string): Promise<void> {
    const em = this.em.fork();
    const delivery = await em.findOne(Delivery, deliveryId, { populate: ['notification'] });
    if (!delivery || FINISHED.has(delivery.status)) return;
    if (isExpired(delivery.notification.expiresAt ?? null)) {
      // Its time came after it stopped mattering: it never appears, live or in the list.
      Object.assign(delivery, { status: DeliveryStatus.SKIPPED, reason: 'expired', attempts: delivery.attempts + 1 });
      await em.flush();
      await this.activity.publish([deliveryChanged(delivery)]);
      return;
    }
    Object.assign(delivery, { status: DeliveryStatus.DELIVERED, sentAt: new Date(), attempts: delivery.attempts + 1 });
    await em.flush();
    await this.inbox.announce([delivery.notification]);
    await this.activity.publish([deliveryChanged(delivery)]);
  }
}

import type { EntityManager } from '@mikro-orm/sql';
import type { ChannelBackends } from '../channels/channel-backends.js';
import type { PushDestination, PushTransport } from '../channels/ports.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { Logger } from '../logger.js';
import { PushTarget } from '../recipients/push-target.entity.js';
import type { Sealer } from '../secrets/sealer.js';
import { Channel, DeliveryStatus, Priority, PushTargetKind } from '../shared/enums.js';
import type { PushContent } from '../channels/content.js';
import { DeliveryStore, type ClaimedDelivery } from './delivery-store.js';
import { SendError, toSendError } from '../channels/send-error.js';
import { Delivery, type DeliveryContent } from './delivery.entity.js';
import type { DeliveryAttempt } from './delivery-queue.js';
import { sendWithFailover, type FailoverOutcome, type FailoverPolicy } from '../channels/failover.js';

const FINISHED = new Set([DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED]);
/** Failures that mean "not ours to send" rather than "sending went wrong": the delivery ends SKIPPED with the code as its reason. */
const SKIP_CODES = new Set(['expired', 'no_provider']);
/** How long push services keep a message for an offline device, by priority. */
const PUSH_TTL_SECONDS: Readonly<Record<Priority, number>> = { low: 24 * 3600, medium: 24 * 3600, high: 3600 * 4, urgent: 3600 };

interface Sent {
  readonly backend: string;
  readonly providerMessageId: string | null;
  readonly attempts: number;
}

/**
 * Runs one delivery job: QUEUED → SENDING → SENT or FAILED. State is committed before the
 * provider call, so a process killed mid-send leaves SENDING, and the expired job runs again
 * after restart. A finished delivery is never sent again, whatever job arrives for it.
 */
export class DeliveryWorker {
  private readonly store: DeliveryStore;

  constructor(
    private readonly em: EntityManager,
    private readonly backends: ChannelBackends,
    private readonly sealer: Sealer,
    private readonly inbox: InboxService,
    private readonly policy: FailoverPolicy,
    private readonly logger: Logger,
  ) {
    this.store = new DeliveryStore(em);
  }

  async process(channel: Channel, job: DeliveryAttempt): Promise<void> {
    if (channel === Channel.IN_APP) return this.publishScheduled(job.deliveryId);
    const delivery = await this.store.claim(job.deliveryId);
    if (!delivery) return;
    if (isExpired(delivery.expiresAt)) {
      await this.store.finish(delivery.id, { status: DeliveryStatus.SKIPPED, attempts: delivery.attempts, reason: 'expired' });
      return;
    }

    let outcome: FailoverOutcome<unknown, Sent>;
    try {
      outcome = await this.send(delivery, this.contentOf(delivery), job.signal);
    } catch (error) {
      outcome = { ok: false, backend: undefined, error: toSendError(error), attempts: 1 };
    }
    // The claim counted one attempt already.
    const attempts = delivery.attempts + Math.max(0, outcome.attempts - 1);
    if (outcome.ok) {
      await this.store.finish(delivery.id, { status: DeliveryStatus.SENT, attempts, backend: outcome.result.backend, providerMessageId: outcome.result.providerMessageId });
      return;
    }
    const { error } = outcome;
    if (SKIP_CODES.has(error.code)) {
      await this.store.finish(delivery.id, { status: DeliveryStatus.SKIPPED, attempts, reason: error.code });
      this.logger.info({ deliveryId: delivery.id, channel, reason: error.code }, 'delivery skipped');
      return;
    }
    const final = !error.retryable || job.lastRun;
    await this.store.finish(delivery.id, {
      status: final ? DeliveryStatus.FAILED : DeliveryStatus.QUEUED,
      attempts,
      backend: backendName(outcome.backend) ?? null,
      lastError: `${error.code}: ${error.message}`.slice(0, 2000),
    });
    this.logger.warn({ deliveryId: delivery.id, channel, code: error.code, final }, final ? 'delivery failed' : 'delivery will be retried');
    if (!final) throw error;
  }

  private contentOf(delivery: ClaimedDelivery): DeliveryContent {
    if (delivery.sealedContent) return this.sealer.open<DeliveryContent>(delivery.sealedContent);
    if (delivery.content) return delivery.content;
    throw new SendError('no_content', 'the delivery has no content to send');
  }

  private async send(delivery: ClaimedDelivery, content: DeliveryContent, signal: AbortSignal): Promise<FailoverOutcome<unknown, Sent>> {
    if ('email' in content) {
      const to = delivery.email;
      if (!to) return { ok: false, backend: undefined, error: new SendError('no_email_address', 'the recipient has no email address any more'), attempts: 1 };
      if (!this.backends.email.length) return noProvider('email');
      return withReceipt(await sendWithFailover(this.backends.email, (transport) => unlessExpired(delivery, () => transport.send({ to, ...content.email, deliveryId: delivery.id }, signal)), this.policy, signal));
    }
    if ('sms' in content) {
      const to = delivery.phone;
      if (!to) return { ok: false, backend: undefined, error: new SendError('no_phone_number', 'the recipient has no phone number any more'), attempts: 1 };
      if (!this.backends.sms.length) return noProvider('sms');
      return withReceipt(await sendWithFailover(this.backends.sms, (transport) => unlessExpired(delivery, () => transport.send({ to, body: content.sms.text, deliveryId: delivery.id }, signal)), this.policy, signal));
    }
    return this.sendPush(delivery, content.push, signal);
  }

  /**
   * Push goes to every live target of the user, each kind through its own backends. Dead
   * targets are disabled; the delivery is SENT when at least one target accepted it.
   */
  private async sendPush(delivery: ClaimedDelivery, push: PushContent, signal: AbortSignal): Promise<FailoverOutcome<unknown, Sent>> {
    const em = this.em.fork();
    const targets = await em.find(PushTarget, { userId: delivery.userId, disabledAt: null });
    const message = {
      title: push.title,
      body: push.body,
      url: push.url,
      urgent: delivery.priority === Priority.HIGH || delivery.priority === Priority.URGENT,
      ttlSeconds: PUSH_TTL_SECONDS[delivery.priority],
      deliveryId: delivery.id,
      notificationId: delivery.notificationId,
    };
    let attempts = 0;
    const sent: Sent[] = [];
    const failures: SendError[] = [];
    const deadTargets: SendError[] = [];
    for (const kind of Object.values(PushTargetKind)) {
      const ofKind = targets.filter((target) => target.kind === kind);
      if (!ofKind.length) continue;
      const result = await this.pushToKind(this.backends.push.get(kind) ?? [], ofKind, message, delivery.expiresAt, signal);
      attempts += result.attempts;
      sent.push(...result.sent);
      failures.push(...result.failures);
      deadTargets.push(...result.gone.values());
      for (const target of ofKind) {
        const gone = result.gone.get(target.id);
        if (gone) Object.assign(target, { disabledAt: new Date(), disabledReason: gone.message.slice(0, 500) });
        else if (result.sent.length && !result.failedTargets.has(target.id)) target.lastUsedAt = new Date();
      }
    }
    await em.flush();
    if (sent.length) return { ok: true, backend: sent[0].backend, result: { backend: [...new Set(sent.map((one) => one.backend))].join(','), providerMessageId: sent[0].providerMessageId, attempts }, attempts };
    // Expiry ends everything; a retryable failure is worth another run; no provider for any
    // target kind is a skip; when every target turned out dead, say why (e.g. endpoint_not_public).
    const error =
      failures.find((failure) => failure.code === 'expired') ??
      failures.find((failure) => failure.retryable) ??
      failures.find((failure) => failure.code !== 'no_provider') ??
      failures[0] ??
      deadTargets[0] ??
      new SendError('no_push_target', 'the user has no live push target');
    return { ok: false, backend: undefined, error, attempts };
  }

  private async pushToKind(transports: readonly PushTransport[], targets: readonly PushTarget[], message: Parameters<PushTransport['send']>[1], expiresAt: Date | null, signal: AbortSignal) {
    let pending: PushDestination[] = targets.map((target) => ({ id: target.id, token: target.token, keys: target.keys }));
    const sent: Sent[] = [];
    const gone = new Map<string, SendError>();
    const failedTargets = new Set<string>();
    const failures: SendError[] = [];
    if (!transports.length) failures.push(new SendError('no_provider', `no push provider is configured for ${targets[0]!.kind} targets`));
    let attempts = 0;
    for (const transport of transports) {
      for (let call = 0; call < this.policy.attemptsPerBackend && pending.length; call++) {
        if (isExpired(expiresAt)) {
          failures.push(expiredError());
          pending = [];
          break;
        }
        attempts++;
        const results = await transport.send(pending, message, signal).catch((error: unknown) => pending.map((destination) => ({ targetId: destination.id, ok: false as const, error: toSendError(error) })));
        const retry: PushDestination[] = [];
        let failover = false;
        for (const result of results) {
          const destination = pending.find((candidate) => candidate.id === result.targetId)!;
          if (result.ok) sent.push({ backend: transport.name, providerMessageId: result.providerMessageId, attempts });
          else if (result.error.targetGone) gone.set(result.targetId, result.error);
          else if (result.error.failover || result.error.retryable) {
            retry.push(destination);
            failover ||= result.error.failover;
            failures.push(result.error);
          } else {
            failedTargets.add(result.targetId);
            failures.push(result.error);
          }
        }
        pending = retry;
        if (failover) break;
      }
    }
    for (const destination of pending) failedTargets.add(destination.id);
    return { sent, gone, failedTargets, failures, attempts };
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
      return;
    }
    Object.assign(delivery, { status: DeliveryStatus.DELIVERED, sentAt: new Date(), attempts: delivery.attempts + 1 });
    await em.flush();
    await this.inbox.announce([delivery.notification]);
  }
}

function isExpired(expiresAt: Date | null): boolean {
  return expiresAt !== null && expiresAt.getTime() <= Date.now();
}

function expiredError(): SendError {
  return new SendError('expired', 'the notification expired before it could be sent');
}

/**
 * Calls the provider only while the notification is still current: checked before every
 * call, since retries and failover may outlast it. Permanent: an expired delivery is skipped.
 */
function unlessExpired<R>(delivery: ClaimedDelivery, call: () => Promise<R>): Promise<R> {
  return isExpired(delivery.expiresAt) ? Promise.reject(expiredError()) : call();
}

/** In production a channel with no provider is not "sent" through the log backend: it is skipped. */
function noProvider(channel: string): FailoverOutcome<unknown, Sent> {
  return { ok: false, backend: undefined, error: new SendError('no_provider', `no ${channel} provider is configured`), attempts: 1 };
}

function withReceipt<B extends { name: string }>(outcome: FailoverOutcome<B, { providerMessageId: string | null }>): FailoverOutcome<B, Sent> {
  if (!outcome.ok) return outcome;
  return { ...outcome, result: { backend: outcome.backend.name, providerMessageId: outcome.result.providerMessageId, attempts: outcome.attempts } };
}

function backendName(backend: unknown): string | undefined {
  return backend && typeof backend === 'object' && 'name' in backend ? String((backend as { name: string }).name) : undefined;
}

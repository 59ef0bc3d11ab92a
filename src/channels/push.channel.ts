import { Priority, PushTargetKind } from '../shared/enums.js';
import type { ChannelOutcome, OutboundDelivery } from './channel.js';
import { noProvider } from './channel.js';
import type { PushContent } from './content.js';
import { expiredError, isExpired } from './expiry.js';
import { sendWithFailover } from './failover.js';
import type { PushDestination, PushMessage, PushResult, PushTransport } from './ports.js';
import { SendError, toSendError } from './send-error.js';
import type { FailoverPolicy } from '../config/settings.js';

/** How long push services keep a message for an offline device, by priority. */
const PUSH_TTL_SECONDS: Readonly<Record<Priority, number>> = {
  low: 24 * 3600,
  medium: 24 * 3600,
  high: 3600 * 4,
  urgent: 3600,
};

/** One registered device or browser of the recipient, with the kind that picks its transports. */
export interface PushRecipientTarget extends PushDestination {
  readonly kind: PushTargetKind;
}

/**
 * A push outcome, plus what it learnt about the targets: `gone` ones are dead (disable them,
 * with the error's message as the reason), `reached` ones accepted the message.
 */
export type PushOutcome = ChannelOutcome & {
  readonly gone: ReadonlyMap<string, SendError>;
  readonly reached: ReadonlySet<string>;
};

/**
 * Push: one `PushMessage` to every live target of the recipient, each kind through its own
 * transports under the one failover policy (per batch of targets: the targets a call left
 * failing retryably are retried with backoff, or passed to the next transport). The delivery
 * is sent when at least one target accepted it. One bad target never fails the others.
 */
export class PushChannel {
  constructor(
    private readonly transports: ReadonlyMap<PushTargetKind, readonly PushTransport[]>,
    private readonly policy: FailoverPolicy,
  ) {}

  async send(
    delivery: OutboundDelivery,
    content: PushContent,
    targets: readonly PushRecipientTarget[],
    signal: AbortSignal,
  ): Promise<PushOutcome> {
    const message: PushMessage = {
      title: content.title,
      body: content.body,
      url: content.url,
      urgent: delivery.priority === Priority.HIGH || delivery.priority === Priority.URGENT,
      ttlSeconds: PUSH_TTL_SECONDS[delivery.priority],
      deliveryId: delivery.id,
      notificationId: delivery.notificationId,
    };
    let attempts = 0;
    const sent: { provider: string; providerMessageId: string | null }[] = [];
    const failures: SendError[] = [];
    const gone = new Map<string, SendError>();
    const reached = new Set<string>();
    for (const kind of Object.values(PushTargetKind)) {
      const ofKind = targets.filter((target) => target.kind === kind);
      if (!ofKind.length) continue;
      const transports = this.transports.get(kind) ?? [];
      if (!transports.length) {
        failures.push(noProvider(`push ${kind}`, `no push provider is configured for ${kind} targets`));
        continue;
      }
      let pending: PushDestination[] = ofKind.map(({ id, token, keys }) => ({ id, token, keys }));
      const sendBatch = async (transport: PushTransport): Promise<void> => {
        if (isExpired(delivery.expiresAt)) throw expiredError();
        const batch = pending;
        const results: PushResult[] = await transport
          .send(batch, message, signal)
          .catch((error: unknown) =>
            batch.map((destination) => ({ targetId: destination.id, ok: false as const, error: toSendError(error) })),
          );
        const byId = new Map(batch.map((destination) => [destination.id, destination]));
        const again: PushDestination[] = [];
        let reason: SendError | undefined;
        for (const result of results) {
          if (result.ok) {
            sent.push({ provider: transport.name, providerMessageId: result.providerMessageId });
            reached.add(result.targetId);
          } else if (result.error.targetGone) gone.set(result.targetId, result.error);
          else {
            failures.push(result.error);
            if (!result.error.retryable && !result.error.failover) continue; // permanent for this target only
            again.push(byId.get(result.targetId)!);
            // A transport that cannot send at all is left at once, as for email and SMS.
            if (!reason || (result.error.failover && !reason.failover)) reason = result.error;
          }
        }
        pending = again;
        if (reason) throw reason;
      };
      const outcome = await sendWithFailover(transports, sendBatch, this.policy, signal);
      attempts += outcome.attempts;
      if (!outcome.ok && !failures.includes(outcome.error)) failures.push(outcome.error);
    }
    if (sent.length)
      return {
        ok: true,
        provider: [...new Set(sent.map((one) => one.provider))].join(','),
        providerMessageId: sent[0]!.providerMessageId,
        attempts,
        gone,
        reached,
      };
    // Expiry ends everything; a retryable failure is worth another run; no provider for any
    // target kind is a skip; when every target turned out dead, say why (e.g. endpoint_not_public).
    const error =
      failures.find((failure) => failure.code === 'expired') ??
      failures.find((failure) => failure.retryable) ??
      failures.find((failure) => failure.code !== 'no_provider') ??
      failures[0] ??
      gone.values().next().value ??
      new SendError('no_push_target', 'the user has no live push target');
    return { ok: false, provider: null, error, attempts, gone, reached };
  }
}

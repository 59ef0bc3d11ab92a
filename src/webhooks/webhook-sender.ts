import type { EntityManager } from '@mikro-orm/sql';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../logger.js';
import { NonPublicAddressError } from '../net/public-address.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { postWebhook } from './webhook-http.js';

/** One event for one endpoint, as queued; every attempt sends the same message id and payload. */
export interface WebhookJob {
  readonly endpointId: string;
  /** The `webhook-id` header (`msg_…`): receivers dedupe on it. */
  readonly messageId: string;
  readonly type: string;
  /** When the event happened (ISO). */
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

/** The pg-boss queue outbound webhooks wait in. */
export const WEBHOOK_QUEUE = 'belfry-webhooks';

/** An endpoint failing this long, every attempt, is disabled. */
export const FAILURE_WINDOW_MS = 3 * 24 * 3600_000;
const TIMEOUT_MS = 10_000;

/**
 * Sends one queued event: signs it per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<HMAC-SHA256>`), posts it, logs the attempt. A 2xx ends it; anything
 * else throws so the queue retries it with backoff, until the endpoint has failed for
 * {@link FAILURE_WINDOW_MS} and is disabled. A deleted or disabled endpoint's jobs end quietly.
 */
export class WebhookSender {
  constructor(
    private readonly em: EntityManager,
    private readonly endpoints: WebhookEndpointService,
    private readonly options: {
      readonly allowPrivateTargets: boolean;
      readonly countAttempt?: (outcome: string) => void;
      readonly now?: () => Date;
    },
    private readonly logger: Logger,
  ) {}

  async send(job: WebhookJob, attempt: number): Promise<void> {
    const em = this.em.fork();
    const endpoint = await em.findOne(WebhookEndpoint, job.endpointId);
    if (!endpoint?.enabled) return;
    const payload = { type: job.type, timestamp: job.timestamp, data: job.data };
    const body = JSON.stringify(payload);
    const now = this.options.now?.() ?? new Date();
    const signature = new Webhook(this.endpoints.secretOf(endpoint)).sign(job.messageId, now, body);
    const started = performance.now();
    let status: number | null = null;
    let excerpt: string | null = null;
    let error: string | null = null;
    try {
      const response = await postWebhook(
        endpoint.url,
        body,
        {
          'webhook-id': job.messageId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'Belfry-Webhooks/1',
        },
        { allowPrivate: this.options.allowPrivateTargets, timeoutMs: TIMEOUT_MS },
      );
      status = response.status;
      excerpt = response.excerpt || null;
    } catch (thrown) {
      error = describe(thrown);
    }
    const ok = status !== null && status >= 200 && status < 300;
    em.create(WebhookAttempt, {
      endpoint,
      messageId: job.messageId,
      type: job.type,
      payload,
      attempt,
      statusCode: status,
      ok,
      durationMs: Math.round(performance.now() - started),
      error: error ?? (status !== null && !ok ? `HTTP ${status}` : null),
      responseExcerpt: excerpt,
      at: now,
    });
    let disabled = false;
    if (ok) endpoint.failingSince = null;
    else {
      endpoint.failingSince ??= now;
      if (now.getTime() - endpoint.failingSince.getTime() >= FAILURE_WINDOW_MS) {
        Object.assign(endpoint, {
          enabled: false,
          disabledAt: now,
          disabledReason: `every attempt failed for 3 days; last: ${error ?? `HTTP ${status}`}`.slice(0, 500),
        });
        disabled = true;
        this.logger.warn({ endpointId: endpoint.id }, 'webhook endpoint disabled after failing for 3 days');
      }
    }
    await em.flush();
    if (disabled) this.endpoints.changed();
    this.options.countAttempt?.(
      ok ? 'success' : status !== null ? `http_${status}` : (error?.split(':')[0] ?? 'error'),
    );
    if (!ok && !disabled)
      throw new Error(`webhook ${job.messageId} to endpoint ${endpoint.id}: ${error ?? `HTTP ${status}`}`);
  }
}

/** What went wrong, without the address (it may be an internal one the endpoint's name resolved to). */
function describe(error: unknown): string {
  if (error instanceof NonPublicAddressError) return `refused_address: ${error.message}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ETIMEDOUT') return 'timeout: no answer in 10 s';
  if (typeof code === 'string') return `connection_error: ${code}`;
  return 'error: the request failed';
}

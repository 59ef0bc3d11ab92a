import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { assertPublicLiteral, NonPublicAddressError } from '../net/public-address.js';
import type { Sealer } from '../secrets/sealer.js';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookEventType } from './webhook-event-type.js';

/** Where outbound webhooks may go. */
export interface WebhookTargetPolicy {
  /** `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`: loopback and private addresses too (tests, one private network). */
  readonly allowPrivateTargets: boolean;
  /** In production, plain http is refused (unless private targets are allowed). */
  readonly production: boolean;
}

/** An endpoint and its signing secret, shown this once. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

export interface EndpointChanges {
  readonly url?: string | null;
  readonly events?: readonly WebhookEventType[] | null;
  readonly description?: string | null;
  readonly enabled?: boolean | null;
}

/** How long the dispatcher trusts its list of enabled endpoints (changes on this process clear it at once). */
const CACHE_MS = 5_000;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Webhook endpoints: their URLs, events and sealed secrets. API key only (see the resolver). */
export class WebhookEndpointService {
  private cached?: { at: number; endpoints: Promise<WebhookEndpoint[]> };

  constructor(
    private readonly em: EntityManager,
    private readonly sealer: Sealer,
    private readonly policy: WebhookTargetPolicy,
  ) {}

  /** Refuses what no event may be posted to, naming the field (`input.url`). */
  checkUrl(url: string, field = 'input.url'): string {
    const parsed = URL.parse(url);
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password)
      throw new BadUserInputError(`${field} must be an http(s) URL without credentials`, [field]);
    if (parsed.protocol === 'http:' && this.policy.production && !this.policy.allowPrivateTargets)
      throw new BadUserInputError(`${field} must use https`, [field]);
    if (!this.policy.allowPrivateTargets) {
      try {
        assertPublicLiteral(parsed.hostname);
      } catch (error) {
        if (error instanceof NonPublicAddressError)
          throw new BadUserInputError(`${field} must be a public internet address (${error.message})`, [field]);
        throw error;
      }
    }
    return parsed.href;
  }

  async create(
    em: EntityManager,
    input: { url: string; events: readonly WebhookEventType[]; description?: string | null },
  ): Promise<EndpointWithSecret> {
    const secret = newSecret();
    const endpoint = em.create(WebhookEndpoint, {
      url: this.checkUrl(input.url),
      events: [...new Set(input.events)],
      description: input.description ?? null,
      sealedSecret: this.sealer.seal(secret),
    });
    await em.flush();
    this.changed();
    return { endpoint, secret };
  }

  list(em: EntityManager): Promise<WebhookEndpoint[]> {
    return em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc' } });
  }

  async get(em: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = await em.findOne(WebhookEndpoint, id);
    if (!endpoint) throw new NotFoundError('WebhookEndpoint', id);
    return endpoint;
  }

  async update(em: EntityManager, id: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
    const endpoint = await this.get(em, id);
    if (changes.url) endpoint.url = this.checkUrl(changes.url);
    if (changes.events) endpoint.events = [...new Set(changes.events)];
    if (changes.description !== undefined) endpoint.description = changes.description;
    if (changes.enabled === true && !endpoint.enabled)
      Object.assign(endpoint, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
    if (changes.enabled === false && endpoint.enabled)
      Object.assign(endpoint, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by an operator' });
    await em.flush();
    this.changed();
    return endpoint;
  }

  /** A new secret, effective at once: the old one signs nothing from now on. */
  async rotate(em: EntityManager, id: string): Promise<EndpointWithSecret> {
    const endpoint = await this.get(em, id);
    const secret = newSecret();
    endpoint.sealedSecret = this.sealer.seal(secret);
    await em.flush();
    return { endpoint, secret };
  }

  async delete(em: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.get(em, id);
    await em.remove(endpoint).flush();
    this.changed();
    return endpoint;
  }

  /** The enabled endpoints, from a list at most {@link CACHE_MS} old: a send with none costs no query each time. */
  enabledEndpoints(): Promise<WebhookEndpoint[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const endpoints = this.em.fork().find(WebhookEndpoint, { enabled: true });
      // A failed read is not cached: the next activity tries again.
      endpoints.catch(() => (this.cached = undefined));
      this.cached = { at: now, endpoints };
    }
    return this.cached.endpoints;
  }

  secretOf(endpoint: WebhookEndpoint): string {
    return this.sealer.open<string>(endpoint.sealedSecret);
  }

  /** Forgets the cached list after a change on this process. */
  changed(): void {
    this.cached = undefined;
  }
}

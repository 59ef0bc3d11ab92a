import { html, LitElement } from 'lit';
import type { AdminApi } from './admin-api.js';
import { panelStyles } from './styles.js';

interface AttemptRow {
  readonly id: string;
  readonly type: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly at: string;
}

interface EndpointRow {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly events: string[];
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly failingSince: string | null;
}

const ENDPOINTS = `query WebhookEndpoints { webhookEndpoints { id url description events enabled disabledReason failingSince } }`;
const ATTEMPTS = `query WebhookAttempts($id: ID!) { webhookAttempts(endpointId: $id, first: 5) { nodes { id type attempt ok statusCode error durationMs at } } }`;
const REDELIVER = `mutation Redeliver($id: ID!) { redeliverWebhook(attemptId: $id) }`;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** `<webhooks-panel>`: the webhook endpoints, their state, and each one's latest attempts with a re-send button. */
export class WebhooksPanel extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    api: { attribute: false },
    endpoints: { state: true },
    attempts: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  declare api: AdminApi | undefined;
  declare endpoints: readonly EndpointRow[];
  declare attempts: ReadonlyMap<string, readonly AttemptRow[]>;
  declare error: string;
  declare notice: string;

  constructor() {
    super();
    this.endpoints = [];
    this.attempts = new Map();
    this.error = '';
    this.notice = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('api')) void this.load();
  }

  async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.error = '';
    try {
      this.endpoints = (await api.request<{ webhookEndpoints: EndpointRow[] }>(ENDPOINTS)).webhookEndpoints;
      const pairs = await Promise.all(
        this.endpoints.map(
          async (endpoint) =>
            [
              endpoint.id,
              (await api.request<{ webhookAttempts: { nodes: AttemptRow[] } }>(ATTEMPTS, { id: endpoint.id }))
                .webhookAttempts.nodes,
            ] as const,
        ),
      );
      this.attempts = new Map(pairs);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async redeliver(attempt: AttemptRow): Promise<void> {
    if (!this.api) return;
    try {
      await this.api.request(REDELIVER, { id: attempt.id });
      this.notice = `${attempt.type} queued again.`;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    return html`<section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhook endpoints</h2>
      <p class="muted">
        Where Belfry posts events for your app, and how the latest attempts went.
        <button @click=${() => void this.load()}>Refresh</button>
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p role="status" class="muted">${this.notice}</p>
      ${
        this.endpoints.length
          ? this.endpoints.map((endpoint) => this.renderEndpoint(endpoint))
          : html`<p class="empty">No webhook endpoints: add one with createWebhookEndpoint.</p>`
      }
    </section>`;
  }

  private renderEndpoint(endpoint: EndpointRow) {
    const attempts = this.attempts.get(endpoint.id) ?? [];
    return html`<article data-endpoint=${endpoint.id}>
      <h3 class="mono">${endpoint.url}</h3>
      <p>
        <span class="status ${endpoint.enabled ? 'sent' : 'failed'}">${endpoint.enabled ? 'ENABLED' : 'DISABLED'}</span>
        ${endpoint.description ?? ''} · ${endpoint.events.join(', ')}
        ${endpoint.disabledReason ? html`<br /><span class="error">${endpoint.disabledReason}</span>` : ''}
      </p>
      ${
        attempts.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Try</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Time</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${attempts.map(
                  (attempt) =>
                    html`<tr>
                      <td>${timeFormat.format(new Date(attempt.at))}</td>
                      <td>${attempt.type}</td>
                      <td>${attempt.attempt}</td>
                      <td>
                        <span class="status ${attempt.ok ? 'sent' : 'failed'}">${attempt.ok ? 'OK' : 'FAILED'}</span>
                        <span class="mono">${attempt.statusCode ?? ''} ${attempt.ok ? '' : (attempt.error ?? '')}</span>
                      </td>
                      <td>${attempt.durationMs} ms</td>
                      <td>
                        <button @click=${() => void this.redeliver(attempt)} aria-label="Send again: ${attempt.type}">
                          Send again
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="empty">No attempts yet.</p>`
      }
    </article>`;
  }
}
customElements.define('webhooks-panel', WebhooksPanel);

declare global {
  interface HTMLElementTagNameMap {
    'webhooks-panel': WebhooksPanel;
  }
}

import { html, LitElement } from 'lit';
import type { AdminApi } from './admin-api.js';
import { DELIVERY_FIELDS, type DeliveryRow } from './delivery-table.js';
import { panelStyles } from './styles.js';
import './delivery-table.js';

const RECENT_FAILURES = `query RecentFailures($first: Int!) { deliveries(status: FAILED, first: $first) { ${DELIVERY_FIELDS} } }`;
const RETRY = `mutation Retry($id: ID!) { retryDelivery(id: $id) { ${DELIVERY_FIELDS} } }`;

/** `<failures-panel>`: the latest FAILED deliveries with their last error, each with a Retry button (retryDelivery). */
export class FailuresPanel extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    api: { attribute: false },
    rows: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  declare api: AdminApi | undefined;
  declare rows: readonly DeliveryRow[];
  declare error: string;
  declare loading: boolean;

  constructor() {
    super();
    this.rows = [];
    this.error = '';
    this.loading = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('api')) void this.load();
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.loading = true;
    this.error = '';
    try {
      this.rows = (await this.api.request<{ deliveries: DeliveryRow[] }>(RECENT_FAILURES, { first: 25 })).deliveries;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private readonly retry = async (id: string): Promise<DeliveryRow> => {
    if (!this.api) throw new Error('Not signed in');
    return (await this.api.request<{ retryDelivery: DeliveryRow }>(RETRY, { id })).retryDelivery;
  };

  override render() {
    return html`<section aria-labelledby="failures-title">
      <h2 id="failures-title">Recent failures</h2>
      <p class="muted">
        The 25 latest deliveries that ended FAILED, with the provider's last error.
        <button @click=${() => void this.load()} ?disabled=${this.loading}>Refresh</button>
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.loading && !this.rows.length
          ? html`<p class="empty" role="status">Loading…</p>`
          : html`<delivery-table .deliveries=${this.rows} .retry=${this.retry}></delivery-table>`
      }
    </section>`;
  }
}
customElements.define('failures-panel', FailuresPanel);

declare global {
  interface HTMLElementTagNameMap {
    'failures-panel': FailuresPanel;
  }
}

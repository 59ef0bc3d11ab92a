import { html, LitElement } from 'lit';
import type { AdminApi } from './admin-api.js';
import { DELIVERY_FIELDS, type DeliveryRow } from './delivery-table.js';
import { panelStyles } from './styles.js';
import './delivery-table.js';

const SEARCH = `query SearchDeliveries($userId: String, $notificationId: ID, $status: DeliveryStatus, $channel: Channel) {
  deliveries(userId: $userId, notificationId: $notificationId, status: $status, channel: $channel, first: 100) { ${DELIVERY_FIELDS} }
}`;
const RETRY = `mutation Retry($id: ID!) { retryDelivery(id: $id) { ${DELIVERY_FIELDS} } }`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = [
  'QUEUED',
  'SENDING',
  'SENT',
  'DELIVERED',
  'OPENED',
  'CLICKED',
  'FAILED',
  'BOUNCED',
  'COMPLAINED',
  'UNDELIVERED',
  'SKIPPED',
];
const CHANNELS = ['IN_APP', 'EMAIL', 'SMS', 'PUSH'];

/** `<delivery-search>`: deliveries of one user, or of one notification (a UUID), optionally by status and channel. */
export class DeliverySearch extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    api: { attribute: false },
    rows: { state: true },
    error: { state: true },
    searched: { state: true },
  };

  declare api: AdminApi | undefined;
  declare rows: readonly DeliveryRow[];
  declare error: string;
  declare searched: boolean;

  constructor() {
    super();
    this.rows = [];
    this.error = '';
    this.searched = false;
  }

  private async search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === 'string' && value.trim() ? value.trim() : null;
    };
    const term = text('term');
    if (!term) {
      this.error = 'Enter a user id or a notification id.';
      return;
    }
    this.error = '';
    try {
      const variables = {
        ...(UUID.test(term) ? { notificationId: term } : { userId: term }),
        status: text('status'),
        channel: text('channel'),
      };
      this.rows = (await this.api.request<{ deliveries: DeliveryRow[] }>(SEARCH, variables)).deliveries;
      this.searched = true;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private readonly retry = async (id: string): Promise<DeliveryRow> => {
    if (!this.api) throw new Error('Not signed in');
    return (await this.api.request<{ retryDelivery: DeliveryRow }>(RETRY, { id })).retryDelivery;
  };

  override render() {
    return html`<section aria-labelledby="search-title">
      <h2 id="search-title">Find deliveries</h2>
      <form @submit=${(event: SubmitEvent) => void this.search(event)}>
        <label>User id or notification id <input name="term" required autocomplete="off" size="38" /></label>
        <label
          >Status
          <select name="status">
            <option value="">Any</option>
            ${STATUSES.map((status) => html`<option>${status}</option>`)}
          </select></label
        >
        <label
          >Channel
          <select name="channel">
            <option value="">Any</option>
            ${CHANNELS.map((channel) => html`<option>${channel}</option>`)}
          </select></label
        >
        <button class="primary" type="submit">Search</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.searched ? html`<delivery-table .deliveries=${this.rows} .retry=${this.retry}></delivery-table>` : ''}
    </section>`;
  }
}
customElements.define('delivery-search', DeliverySearch);

declare global {
  interface HTMLElementTagNameMap {
    'delivery-search': DeliverySearch;
  }
}

import { html, LitElement, nothing } from 'lit';
import { panelStyles } from './styles.js';

/** The fields of a delivery the dashboard lists. */
export const DELIVERY_FIELDS = `id notificationId channel status reason backend attempts lastError sentAt failedAt createdAt`;

export interface DeliveryRow {
  readonly id: string;
  readonly notificationId: string;
  readonly channel: string;
  readonly status: string;
  readonly reason: string | null;
  readonly backend: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  readonly failedAt: string | null;
  readonly createdAt: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * `<delivery-table>`: deliveries as a table, newest first. With `retry` set, each FAILED row
 * has a Retry button that calls it (retryDelivery) and shows the outcome in the row.
 */
export class DeliveryTable extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    deliveries: { attribute: false },
    retry: { attribute: false },
    outcome: { state: true },
  };

  declare deliveries: readonly DeliveryRow[];
  declare retry: ((id: string) => Promise<DeliveryRow>) | undefined;
  /** Per row: what its Retry did. */
  declare outcome: ReadonlyMap<string, string>;

  constructor() {
    super();
    this.deliveries = [];
    this.outcome = new Map();
  }

  override render() {
    if (!this.deliveries.length) return html`<p class="empty">No deliveries.</p>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Channel</th>
          <th scope="col">Status</th>
          <th scope="col">Backend</th>
          <th scope="col">Attempts</th>
          <th scope="col">Detail</th>
          <th scope="col">Notification</th>
          ${this.retry ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.deliveries.map((row) => this.renderRow(row))}
      </tbody>
    </table>`;
  }

  private renderRow(row: DeliveryRow) {
    const status = row.status.toLowerCase();
    const outcome = this.outcome.get(row.id);
    return html`<tr data-delivery=${row.id}>
      <td>${timeFormat.format(new Date(row.failedAt ?? row.sentAt ?? row.createdAt))}</td>
      <td>${row.channel}</td>
      <td><span class="status ${status}">${row.status}</span></td>
      <td>${row.backend ?? html`<span class="muted">—</span>`}</td>
      <td>${row.attempts}</td>
      <td class="mono">${row.lastError ?? row.reason ?? ''}</td>
      <td class="mono">${row.notificationId}</td>
      ${
        this.retry
          ? html`<td>
              ${
                row.status === 'FAILED' && !outcome
                  ? html`<button @click=${() => void this.onRetry(row)} aria-label="Retry delivery ${row.id}">
                      Retry
                    </button>`
                  : html`<span role="status">${outcome ?? ''}</span>`
              }
            </td>`
          : nothing
      }
    </tr>`;
  }

  private async onRetry(row: DeliveryRow): Promise<void> {
    if (!this.retry) return;
    let outcome: string;
    try {
      const retried = await this.retry(row.id);
      outcome = `Queued again (${retried.status})`;
    } catch (error) {
      outcome = `Not retried: ${(error as Error).message}`;
    }
    this.outcome = new Map([...this.outcome, [row.id, outcome]]);
  }
}
customElements.define('delivery-table', DeliveryTable);

declare global {
  interface HTMLElementTagNameMap {
    'delivery-table': DeliveryTable;
  }
}

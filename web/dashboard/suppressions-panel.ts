import { html, LitElement } from 'lit';
import type { AdminApi } from './admin-api.js';
import { panelStyles } from './styles.js';

interface SuppressionRow {
  readonly id: string;
  readonly channel: string;
  readonly address: string;
  readonly reason: string;
  readonly backend: string | null;
  readonly createdAt: string;
}

interface SuppressionPage {
  readonly suppressions: {
    readonly nodes: SuppressionRow[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

const FIELDS = 'id channel address reason backend createdAt';
const LIST = `query Suppressions($after: String) { suppressions(first: 25, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const ADD = `mutation AddSuppression($input: AddSuppressionInput!) { addSuppression(input: $input) { ${FIELDS} } }`;
const REMOVE = `mutation RemoveSuppression($channel: Channel!, $address: String!) { removeSuppression(channel: $channel, address: $address) { id } }`;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `<suppressions-panel>`: suppressed addresses, newest first, with load more, add and remove. */
export class SuppressionsPanel extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    api: { attribute: false },
    rows: { state: true },
    next: { state: true },
    error: { state: true },
  };

  declare api: AdminApi | undefined;
  declare rows: readonly SuppressionRow[];
  declare next: string | null;
  declare error: string;

  constructor() {
    super();
    this.rows = [];
    this.next = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('api')) void this.load(null);
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.error = '';
    try {
      await work();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private load(after: string | null): Promise<void> {
    return this.run(async () => {
      if (!this.api) return;
      const page = (await this.api.request<SuppressionPage>(LIST, { after })).suppressions;
      this.rows = after ? [...this.rows, ...page.nodes] : page.nodes;
      this.next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    });
  }

  private add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    return this.run(async () => {
      if (!this.api) return;
      const input = {
        channel: data.get('channel'),
        address: data.get('address'),
        reason: data.get('reason') || 'manual',
      };
      const added = (await this.api.request<{ addSuppression: SuppressionRow }>(ADD, { input })).addSuppression;
      this.rows = [added, ...this.rows.filter((row) => row.id !== added.id)];
      form.reset();
    });
  }

  private unsuppress(row: SuppressionRow): Promise<void> {
    return this.run(async () => {
      if (!this.api) return;
      await this.api.request(REMOVE, { channel: row.channel, address: row.address });
      this.rows = this.rows.filter((other) => other.id !== row.id);
    });
  }

  override render() {
    return html`<section aria-labelledby="suppressions-title">
      <h2 id="suppressions-title">Suppressed addresses</h2>
      <p class="muted">
        Nothing is sent to these: hard bounces, spam complaints, SMS opt-outs, and addresses added here.
      </p>
      <form @submit=${(event: SubmitEvent) => void this.add(event)}>
        <label
          >Channel
          <select name="channel">
            <option>EMAIL</option>
            <option>SMS</option>
          </select></label
        >
        <label>Address <input name="address" required autocomplete="off" size="30" /></label>
        <label>Reason <input name="reason" autocomplete="off" placeholder="manual" /></label>
        <button type="submit">Suppress</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.rows.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">Since</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Address</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Backend</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.rows.map(
                  (row) =>
                    html`<tr data-suppression=${row.id}>
                      <td>${timeFormat.format(new Date(row.createdAt))}</td>
                      <td>${row.channel}</td>
                      <td class="mono">${row.address}</td>
                      <td>${row.reason}</td>
                      <td>${row.backend ?? html`<span class="muted">by hand</span>`}</td>
                      <td>
                        <button
                          @click=${() => void this.unsuppress(row)}
                          aria-label="Remove suppression of ${row.address}"
                        >
                          Remove
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="empty">No suppressed addresses.</p>`
      }
      ${this.next ? html`<button @click=${() => void this.load(this.next)}>Load more</button>` : ''}
    </section>`;
  }
}
customElements.define('suppressions-panel', SuppressionsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'suppressions-panel': SuppressionsPanel;
  }
}

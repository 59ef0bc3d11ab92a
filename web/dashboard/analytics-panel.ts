import { css, html, LitElement, nothing } from 'lit';
import type { Chart } from 'chart.js';
import type { AdminApi } from './admin-api.js';
import {
  CHANNEL_NAMES,
  statusChart,
  themeOf,
  volumeChart,
  type DailyVolume,
  type StatusCount,
} from './analytics-charts.js';
import { panelStyles } from './styles.js';

const RATES = 'deliveryRate openRate clickRate readRate queuedToSentP50 queuedToSentP95';
const ANALYTICS = `query Analytics($byChannel: NotificationStatsInput!, $byTemplate: NotificationStatsInput!) {
  byChannel: notificationStats(input: $byChannel) {
    rows { bucket channel sent }
    totals { created sent delivered failed bounced complained opened clicked skipped read ${RATES} skippedByReason { reason count } }
  }
  byTemplate: notificationStats(input: $byTemplate) {
    groupTotals { templateKey created sent delivered skipped ${RATES} }
  }
}`;

interface Rates {
  deliveryRate: number | null;
  openRate: number | null;
  clickRate: number | null;
  readRate: number | null;
  queuedToSentP50: number | null;
  queuedToSentP95: number | null;
}

interface Totals extends Rates {
  created: number;
  sent: number;
  delivered: number;
  failed: number;
  bounced: number;
  complained: number;
  opened: number;
  clicked: number;
  skipped: number;
  read: number;
  skippedByReason: { reason: string; count: number }[];
}

interface TemplateRow extends Rates {
  templateKey: string;
  created: number;
  sent: number;
  delivered: number;
  skipped: number;
}

interface AnalyticsReply {
  byChannel: { rows: { bucket: string; channel: string; sent: number }[]; totals: Totals };
  byTemplate: { groupTotals: TemplateRow[] };
}

const RANGES = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const CHANNELS = ['IN_APP', 'EMAIL', 'SMS', 'PUSH'];

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`);
const seconds = (value: number | null) =>
  value === null
    ? '–'
    : value < 1
      ? `${Math.round(value * 1000)} ms`
      : value < 120
        ? `${value.toFixed(1)} s`
        : `${(value / 60).toFixed(1)} min`;

/**
 * `<analytics-panel>`: what the rollups say about the last 7, 30 or 90 days, in the browser's
 * time zone: totals, sent per day by channel, how deliveries ended, and rates per template.
 */
export class AnalyticsPanel extends LitElement {
  static override styles = [
    panelStyles,
    css`
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
        gap: 0.75rem;
        margin-bottom: 1.25rem;
      }
      .tile {
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
      }
      .tile .value {
        font-size: 1.35rem;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .tile .label {
        font-size: 0.8rem;
        color: var(--muted);
      }
      .charts {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: 1.25rem;
        margin-bottom: 1.25rem;
      }
      @media (max-width: 50rem) {
        .charts {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-weight: 600;
        font-size: 0.9rem;
        margin-bottom: 0.5rem;
      }
      .chart {
        position: relative;
        height: 16rem;
      }
      td.number,
      th.number {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];
  static override properties = {
    api: { attribute: false },
    days: { state: true },
    data: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  declare api: AdminApi | undefined;
  declare days: number;
  declare data: AnalyticsReply | undefined;
  declare error: string;
  declare loading: boolean;

  private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private charts: Chart[] = [];
  private range: { from: Date; to: Date } | undefined;

  constructor() {
    super();
    this.days = 30;
    this.error = '';
    this.loading = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('api') || changed.has('days')) void this.load();
    if (changed.has('data')) this.drawCharts();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCharts();
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.loading = true;
    this.error = '';
    // Whole local days: from midnight `days - 1` days ago to midnight tonight.
    const to = new Date();
    to.setHours(24, 0, 0, 0);
    const from = new Date(to.getTime() - this.days * DAY_MS);
    from.setHours(0, 0, 0, 0);
    const base = { from: from.toISOString(), to: to.toISOString(), interval: 'DAY', timeZone: this.timeZone };
    try {
      this.data = await this.api.request<AnalyticsReply>(ANALYTICS, {
        byChannel: { ...base, groupBy: ['CHANNEL'] },
        byTemplate: { ...base, groupBy: ['TEMPLATE'] },
      });
      this.range = { from, to };
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /** The days of the range, and sent per channel on each (channels that sent nothing are left out). */
  private dailyVolume(): DailyVolume {
    const { rows } = this.data!.byChannel;
    const { from, to } = this.range!;
    const label = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: this.timeZone });
    const days: string[] = [];
    for (let day = from.getTime(); day < to.getTime(); day += DAY_MS)
      days.push(label.format(new Date(day + DAY_MS / 2)));
    const series = CHANNELS.map((channel) => {
      const counts = days.map(() => 0);
      for (const row of rows) {
        if (row.channel !== channel) continue;
        const index = days.indexOf(label.format(new Date(row.bucket)));
        if (index >= 0) counts[index] = (counts[index] ?? 0) + row.sent;
      }
      return { channel, counts };
    }).filter((serie) => serie.counts.some((count) => count > 0));
    return { days, series };
  }

  private statuses(): StatusCount[] {
    const totals = this.data!.byChannel.totals;
    return [
      { label: 'Sent', count: totals.sent, colour: '#0072B2' },
      { label: 'Delivered', count: totals.delivered, colour: '#009E73' },
      { label: 'Opened', count: totals.opened, colour: '#56B4E9' },
      { label: 'Clicked', count: totals.clicked, colour: '#56B4E9' },
      { label: 'Read (in-app)', count: totals.read, colour: '#56B4E9' },
      { label: 'Skipped', count: totals.skipped, colour: '#999999' },
      { label: 'Failed', count: totals.failed, colour: '#D55E00' },
      { label: 'Bounced', count: totals.bounced, colour: '#D55E00' },
      { label: 'Complained', count: totals.complained, colour: '#D55E00' },
    ];
  }

  private drawCharts(): void {
    this.destroyCharts();
    if (!this.data) return;
    const theme = themeOf(this);
    const volume = this.renderRoot.querySelector<HTMLCanvasElement>('canvas#volume');
    const status = this.renderRoot.querySelector<HTMLCanvasElement>('canvas#status');
    if (volume) this.charts.push(volumeChart(volume, this.dailyVolume(), theme));
    if (status) this.charts.push(statusChart(status, this.statuses(), theme));
  }

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  override render() {
    const choose = (event: Event) => (this.days = Number((event.target as HTMLSelectElement).value));
    return html`<section aria-labelledby="analytics-title">
      <h2 id="analytics-title">Analytics</h2>
      <form @submit=${(event: Event) => event.preventDefault()}>
        <label
          >Range
          <select @change=${choose} .value=${String(this.days)}>
            ${RANGES.map((days) => html`<option value=${days} ?selected=${days === this.days}>Last ${days} days</option>`)}
          </select>
        </label>
        <span class="muted">Days in ${this.timeZone}. A delivery counts on the day it was due.</span>
        <button type="button" @click=${() => void this.load()} ?disabled=${this.loading}>Refresh</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.data ? this.renderData(this.data) : this.loading ? html`<p class="empty" role="status">Loading…</p>` : nothing}
    </section>`;
  }

  private renderData(data: AnalyticsReply) {
    const totals = data.byChannel.totals;
    const volume = this.dailyVolume();
    const tiles: [string, string][] = [
      ['Deliveries', totals.created.toLocaleString()],
      ['Sent', totals.sent.toLocaleString()],
      ['Delivery rate', percent(totals.deliveryRate)],
      ['Open rate (email)', percent(totals.openRate)],
      ['Read rate (in-app)', percent(totals.readRate)],
      ['Failed', totals.failed.toLocaleString()],
      ['Queued → sent, p50 / p95', `${seconds(totals.queuedToSentP50)} / ${seconds(totals.queuedToSentP95)}`],
    ];
    return html`<div class="tiles">
        ${tiles.map(
          ([label, value]) =>
            html`<div class="tile">
              <div class="value">${value}</div>
              <div class="label">${label}</div>
            </div>`,
        )}
      </div>
      <div class="charts">
        <figure>
          <figcaption id="volume-caption">Sent per day, by channel</figcaption>
          <div class="chart">
            <canvas id="volume" role="img" aria-labelledby="volume-caption" aria-describedby="volume-table"></canvas>
          </div>
          <table id="volume-table" class="visually-hidden">
            <caption>
              Sent per day, by channel
            </caption>
            <tr>
              <th>Day</th>
              ${volume.series.map((serie) => html`<th>${CHANNEL_NAMES[serie.channel]}</th>`)}
            </tr>
            ${volume.days.map(
              (day, index) =>
                html`<tr>
                  <td>${day}</td>
                  ${volume.series.map((serie) => html`<td>${serie.counts[index]}</td>`)}
                </tr>`,
            )}
          </table>
        </figure>
        <figure>
          <figcaption id="status-caption">How deliveries ended (each counts at every step it reached)</figcaption>
          <div class="chart">
            <canvas
              id="status"
              role="img"
              aria-labelledby="status-caption"
              aria-label=${this.statuses()
                .map((status) => `${status.label} ${status.count}`)
                .join(', ')}
            ></canvas>
          </div>
        </figure>
      </div>
      ${this.renderTemplates(data.byTemplate.groupTotals)} ${this.renderSkips(totals.skippedByReason)}`;
  }

  private renderTemplates(rows: TemplateRow[]) {
    if (!rows.length) return html`<p class="empty">Nothing was sent in this range.</p>`;
    const sorted = [...rows].sort((a, b) => b.created - a.created);
    return html`<h3>Per template</h3>
      <table>
        <thead>
          <tr>
            <th>Template</th>
            <th class="number">Deliveries</th>
            <th class="number">Sent</th>
            <th class="number">Delivery rate</th>
            <th class="number">Open rate</th>
            <th class="number">Click rate</th>
            <th class="number">Read rate</th>
            <th class="number">Queued → sent p50 / p95</th>
          </tr>
        </thead>
        <tbody>
          ${sorted.map(
            (row) =>
              html`<tr>
                <td>
                  ${row.templateKey ? html`<code>${row.templateKey}</code>` : html`<span class="muted">(no template)</span>`}
                </td>
                <td class="number">${row.created.toLocaleString()}</td>
                <td class="number">${row.sent.toLocaleString()}</td>
                <td class="number">${percent(row.deliveryRate)}</td>
                <td class="number">${percent(row.openRate)}</td>
                <td class="number">${percent(row.clickRate)}</td>
                <td class="number">${percent(row.readRate)}</td>
                <td class="number">${seconds(row.queuedToSentP50)} / ${seconds(row.queuedToSentP95)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private renderSkips(skips: Totals['skippedByReason']) {
    if (!skips.length) return nothing;
    return html`<h3>Skipped, by reason</h3>
      <ul>
        ${skips.map((skip) => html`<li><code>${skip.reason}</code>: ${skip.count.toLocaleString()}</li>`)}
      </ul>`;
  }
}
customElements.define('analytics-panel', AnalyticsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'analytics-panel': AnalyticsPanel;
  }
}

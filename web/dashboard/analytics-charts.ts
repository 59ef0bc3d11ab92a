import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

// Only the parts these charts use, so the bundle carries no other chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Okabe–Ito colours: told apart with every common kind of colour blindness. */
export const CHANNEL_COLOURS: Record<string, string> = {
  IN_APP: '#0072B2',
  EMAIL: '#009E73',
  SMS: '#E69F00',
  PUSH: '#CC79A7',
};

export const CHANNEL_NAMES: Record<string, string> = { IN_APP: 'In-app', EMAIL: 'Email', SMS: 'SMS', PUSH: 'Push' };

/** The page's theme, read from the dashboard's CSS custom properties. */
interface Theme {
  readonly text: string;
  readonly grid: string;
}

export function themeOf(element: Element): Theme {
  const style = getComputedStyle(element);
  return {
    text: style.getPropertyValue('--muted').trim() || '#57606a',
    grid: style.getPropertyValue('--line').trim() || '#d8dee4',
  };
}

export interface DailyVolume {
  readonly days: readonly string[];
  readonly series: readonly { readonly channel: string; readonly counts: readonly number[] }[];
}

/** Sent per day, stacked by channel. No animation: the numbers are what matters, and screenshots are stable. */
export function volumeChart(canvas: HTMLCanvasElement, volume: DailyVolume, theme: Theme): Chart<'bar'> {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: [...volume.days],
      datasets: volume.series.map((serie) => ({
        label: CHANNEL_NAMES[serie.channel] ?? serie.channel,
        data: [...serie.counts],
        backgroundColor: CHANNEL_COLOURS[serie.channel] ?? '#999999',
        stack: 'sent',
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, ticks: { color: theme.text }, grid: { display: false } },
        y: {
          stacked: true,
          beginAtZero: true,
          ticks: { color: theme.text, precision: 0 },
          grid: { color: theme.grid },
        },
      },
      plugins: { legend: { labels: { color: theme.text } } },
    },
  });
}

export interface StatusCount {
  readonly label: string;
  readonly count: number;
  readonly colour: string;
}

/** How the range's deliveries ended up, one horizontal bar per status. */
export function statusChart(canvas: HTMLCanvasElement, statuses: readonly StatusCount[], theme: Theme): Chart<'bar'> {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: statuses.map((status) => status.label),
      datasets: [
        {
          label: 'Deliveries',
          data: statuses.map((status) => status.count),
          backgroundColor: statuses.map((status) => status.colour),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { beginAtZero: true, ticks: { color: theme.text, precision: 0 }, grid: { color: theme.grid } },
        y: { ticks: { color: theme.text }, grid: { display: false } },
      },
      plugins: { legend: { display: false } },
    },
  });
}

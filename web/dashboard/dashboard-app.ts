import { css, html, LitElement } from 'lit';
import { AdminApi, AdminApiError, storeApiKey, storedApiKey } from './admin-api.js';
import { panelStyles } from './styles.js';
import './analytics-panel.js';
import './delivery-search.js';
import './failures-panel.js';
import './suppressions-panel.js';
import './webhooks-panel.js';

interface PageConfig {
  apiKey?: string;
}

/** A cheap query only a valid API key may run: it proves the key before the panels load. */
const PROBE = `query Probe { deliveries(first: 1, status: FAILED) { id } }`;

/**
 * `<belfry-dashboard>`: the operator dashboard at /dashboard/. Signs in with an API key (in
 * development the server's config.js offers the generated one), then shows the panels.
 */
export class BelfryDashboard extends LitElement {
  static override styles = [
    panelStyles,
    css`
      :host {
        --fg: #1b1f24;
        --muted: #57606a;
        --bg: #f6f8fa;
        --surface: #ffffff;
        --line: #d8dee4;
        --line-strong: #afb8c1;
        --button: #f6f8fa;
        --field: #ffffff;
        --accent: #0b5cad;
        --on-accent: #ffffff;
        --chip: #eaeef2;
        --bad-bg: #ffebe9;
        --bad-fg: #a40e26;
        --good-bg: #dafbe1;
        --good-fg: #116329;
        display: block;
        min-height: 100vh;
        background: var(--bg);
        font-family:
          system-ui,
          -apple-system,
          'Segoe UI',
          Roboto,
          sans-serif;
      }
      @media (prefers-color-scheme: dark) {
        :host {
          --fg: #e6edf3;
          --muted: #9da7b3;
          --bg: #0d1117;
          --surface: #161b22;
          --line: #30363d;
          --line-strong: #484f58;
          --button: #21262d;
          --field: #0d1117;
          --accent: #4493f8;
          --on-accent: #0d1117;
          --chip: #30363d;
          --bad-bg: #4c1219;
          --bad-fg: #ffa198;
          --good-bg: #12361f;
          --good-fg: #7ee2a8;
        }
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1.5rem;
        background: var(--surface);
        border-bottom: 1px solid var(--line);
      }
      header h1 {
        font-size: 1.2rem;
        margin: 0;
      }
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: 1.5rem;
        display: grid;
        gap: 1.5rem;
      }
      .card {
        background: var(--surface);
        border: 1px solid var(--line);
        border-radius: 8px;
        padding: 1rem 1.25rem;
        overflow-x: auto;
      }
      form.sign-in {
        display: grid;
        gap: 0.75rem;
        max-width: 28rem;
      }
    `,
  ];
  static override properties = {
    api: { state: true },
    signInError: { state: true },
  };

  declare api: AdminApi | undefined;
  declare signInError: string;

  private readonly endpoint = new URL('../graphql', location.href);

  constructor() {
    super();
    this.signInError = '';
    const key = storedApiKey() ?? (Reflect.get(window, 'BELFRY') as PageConfig | undefined)?.apiKey;
    if (key) void this.signIn(key);
  }

  private async signIn(key: string): Promise<void> {
    const api = new AdminApi(this.endpoint, key);
    try {
      await api.request(PROBE);
    } catch (error) {
      storeApiKey(null);
      this.signInError =
        error instanceof AdminApiError && error.code === 'UNAUTHENTICATED'
          ? 'That API key is not valid.'
          : (error as Error).message;
      return;
    }
    storeApiKey(key);
    this.signInError = '';
    this.api = api;
  }

  private signOut(): void {
    storeApiKey(null);
    this.api = undefined;
  }

  override render() {
    return html`<header>
        <h1>Belfry dashboard</h1>
        ${this.api ? html`<button @click=${() => this.signOut()}>Sign out</button>` : ''}
      </header>
      <main>${this.api ? this.renderPanels(this.api) : this.renderSignIn()}</main>`;
  }

  private renderSignIn() {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const key = new FormData(event.target as HTMLFormElement).get('apiKey');
      if (typeof key === 'string' && key.trim()) void this.signIn(key.trim());
    };
    return html`<section class="card" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <form class="sign-in" @submit=${submit}>
        <label>API key <input name="apiKey" type="password" required autocomplete="off" /></label>
        <button class="primary" type="submit">Sign in</button>
        ${this.signInError ? html`<p class="error" role="alert">${this.signInError}</p>` : ''}
        <p class="muted">The key stays in this tab only and is sent to this Belfry alone.</p>
      </form>
    </section>`;
  }

  private renderPanels(api: AdminApi) {
    return html`<div class="card"><analytics-panel .api=${api}></analytics-panel></div>
      <div class="card"><failures-panel .api=${api}></failures-panel></div>
      <div class="card"><delivery-search .api=${api}></delivery-search></div>
      <div class="card"><suppressions-panel .api=${api}></suppressions-panel></div>
      <div class="card"><webhooks-panel .api=${api}></webhooks-panel></div>`;
  }
}
customElements.define('belfry-dashboard', BelfryDashboard);

import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { InboxItem, InboxView } from '../client/create-client.js';
import { backIcon, bellIcon, checkAllIcon, closeIcon, gearIcon } from './icons.js';
import { InboxStore } from './inbox-store.js';
import { itemView } from './item-view.js';
import { preferencesView } from './preferences-view.js';
import { badgeText, languageOf, resolveLocale, stringsFor } from './strings.js';
import { styles } from './styles.js';

const VIEWS: InboxView[] = ['unread', 'all', 'archived'];

/**
 * Where Belfry is when no `server` attribute is given: the origin this module was loaded from
 * when it is Belfry's own /sdk/belfry-inbox.js, else the page's origin.
 */
function defaultServer(): string {
  const self = new URL(import.meta.url);
  return self.pathname.endsWith('/sdk/belfry-inbox.js') ? self.origin : location.origin;
}

/**
 * `<belfry-inbox server="https://belfry.example" token="…">`: a bell with the unread badge
 * and a popover inbox (Unread / All / Archived, load more, mark read/unread, archive, mark
 * all read, preferences), live over graphql-ws with catch-up after a reconnect.
 *
 * Attributes: `server`, `token`, `locale` (default: the browser's), `theme` (light | dark;
 * default: prefers-color-scheme), `page-size` (default 20), `align` (end | start: which edge
 * of the bell the popover lines up with). Property: `getToken`, an async function that
 * replaces `token` and is called before every request and on every (re)connect.
 *
 * Events: `belfry-notification` ({ item }) for each item that arrives live; `belfry-open`
 * ({ item, href }, cancelable) when an item's link is followed.
 */
export class BelfryInboxElement extends LitElement {
  static override styles = styles;
  static override properties = {
    server: { type: String },
    token: { type: String },
    getToken: { attribute: false },
    locale: { type: String },
    theme: { type: String, reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
    open: { type: Boolean, state: true },
    panel: { type: String, state: true },
    online: { type: Boolean, state: true },
    announcement: { type: String, state: true },
  };

  declare server: string | undefined;
  declare token: string | undefined;
  declare getToken: (() => string | Promise<string>) | undefined;
  declare locale: string | undefined;
  declare theme: 'light' | 'dark' | undefined;
  declare pageSize: number;
  declare open: boolean;
  declare panel: 'feed' | 'preferences';
  declare online: boolean;
  declare announcement: string;

  private readonly store = new InboxStore(
    this,
    () => Math.min(Math.max(this.pageSize || 20, 1), 100),
    (item) => {
      this.announcement = stringsFor(this.resolvedLocale).newNotification(item.title);
      // Apps can show a toast or play a sound for each item that arrives live.
      this.dispatchEvent(new CustomEvent('belfry-notification', { detail: { item }, bubbles: true, composed: true }));
    },
  );
  private needsConnect = true;
  private clock: ReturnType<typeof setInterval> | undefined;
  private now = Date.now();

  constructor() {
    super();
    this.pageSize = 20;
    this.open = false;
    this.panel = 'feed';
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.needsConnect = true;
    this.requestUpdate();
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    document.addEventListener('pointerdown', this.onOutside, true);
    // Relative times ("5 min ago") move on while the page stays open.
    this.clock = setInterval(() => {
      this.now = Date.now();
      if (this.open) this.requestUpdate();
    }, 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    document.removeEventListener('pointerdown', this.onOutside, true);
    clearInterval(this.clock);
  }

  /** The client the element runs on, for apps that want to send their own operations. */
  get client() {
    return this.store.client;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('token') || changed.has('getToken')) this.needsConnect = true;
  }

  protected override updated(): void {
    // Signed out (no token yet): wait for one rather than be refused.
    if (!this.needsConnect || !this.isConnected || !(this.token || this.getToken)) return;
    this.needsConnect = false;
    void this.store.connect({
      server: this.server || defaultServer(),
      getToken: () => (this.getToken ? this.getToken() : (this.token ?? '')),
    });
  }

  private get resolvedLocale(): string {
    return resolveLocale(this.locale);
  }

  override render(): TemplateResult {
    const strings = stringsFor(this.resolvedLocale);
    const { count } = this.store;
    return html`<button
        class="bell"
        part="bell"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${strings.bellLabel(count)}
        lang=${languageOf(this.resolvedLocale)}
        @click=${() => this.toggle()}
      >
        ${bellIcon}
        <span class="badge" part="badge" aria-hidden="true" data-count=${count} ?hidden=${count === 0}
          >${badgeText(count)}</span
        >
      </button>
      <span class="visually-hidden" role="status" aria-live="polite">${this.announcement}</span>
      ${this.open ? this.renderPanel() : nothing}`;
  }

  private renderPanel(): TemplateResult {
    const locale = this.resolvedLocale;
    const strings = stringsFor(locale);
    const store = this.store;
    const prefs = this.panel === 'preferences';
    const statusText = !this.online
      ? strings.offline
      : store.status === 'reconnecting'
        ? strings.reconnecting
        : store.status === 'unauthorized'
          ? strings.unauthorized
          : '';
    return html`<div
      id="panel"
      class="panel"
      part="panel"
      role="dialog"
      aria-labelledby="heading"
      lang=${languageOf(locale)}
      @keydown=${this.onKeydown}
    >
      <header part="header">
        ${
          prefs
            ? html`<button
                class="icon-button"
                part="icon-button"
                aria-label=${strings.backToInbox}
                title=${strings.backToInbox}
                @click=${() => this.showPanel('feed')}
              >
                ${backIcon}
              </button>`
            : nothing
        }
        <h2 id="heading" tabindex="-1">${prefs ? strings.preferences : strings.notifications}</h2>
        ${
          prefs
            ? nothing
            : html`<button
                  class="icon-button"
                  part="icon-button"
                  data-action="mark-all-read"
                  aria-label=${strings.markAllRead}
                  title=${strings.markAllRead}
                  ?disabled=${store.count === 0}
                  @click=${() => void store.markAllRead()}
                >
                  ${checkAllIcon}
                </button>
                <button
                  class="icon-button"
                  part="icon-button"
                  data-action="preferences"
                  aria-label=${strings.preferences}
                  title=${strings.preferences}
                  @click=${() => this.showPanel('preferences')}
                >
                  ${gearIcon}
                </button>`
        }
        <button
          class="icon-button"
          part="icon-button"
          data-action="close"
          aria-label=${strings.close}
          title=${strings.close}
          @click=${() => this.close(true)}
        >
          ${closeIcon}
        </button>
      </header>
      ${statusText ? html`<p class="status" part="status" role="status">${statusText}</p>` : nothing}
      ${prefs ? this.renderPreferences() : this.renderFeed()}
    </div>`;
  }

  private renderFeed(): TemplateResult {
    const locale = this.resolvedLocale;
    const strings = stringsFor(locale);
    const store = this.store;
    const actions = {
      toggleRead: (item: InboxItem) => void store.toggleRead(item),
      archive: (item: InboxItem) => void this.archive(item),
      opened: (item: InboxItem, event: MouseEvent) => this.opened(item, event),
    };
    let body: TemplateResult;
    if (store.loadError && store.items.length === 0) {
      body = html`<div class="state" part="error" role="alert">
        <p>${strings.error}</p>
        <button class="text-button" part="button" @click=${() => void store.reload()}>${strings.retry}</button>
      </div>`;
    } else if (store.loading && store.items.length === 0) {
      body = html`<p class="state" part="loading" role="status">${strings.loading}</p>`;
    } else if (store.items.length === 0) {
      body = html`<p class="state" part="empty">${strings.empty[store.view]}</p>`;
    } else {
      body = html`<ul part="list" aria-busy=${store.loading ? 'true' : 'false'}>
          ${repeat(
            store.items,
            (item) => item.id,
            (item) => itemView(item, store.view, strings, locale, actions, this.now),
          )}
        </ul>
        ${
          store.hasNextPage
            ? html`<button
                class="text-button more"
                part="button load-more"
                data-action="load-more"
                ?disabled=${store.loading}
                @click=${() => void store.loadMore()}
              >
                ${store.loading ? strings.loading : strings.loadMore}
              </button>`
            : nothing
        }`;
    }
    return html`<div role="tablist" part="tabs" aria-label=${strings.notifications} @keydown=${this.onTabKeydown}>
        ${VIEWS.map(
          (view) =>
            html`<button
              role="tab"
              part="tab"
              id="tab-${view}"
              data-view=${view}
              aria-selected=${store.view === view ? 'true' : 'false'}
              aria-controls="feed"
              tabindex=${store.view === view ? 0 : -1}
              @click=${() => void store.setView(view)}
            >
              ${strings.tabs[view]}
            </button>`,
        )}
      </div>
      <div class="body" id="feed" role="tabpanel" aria-labelledby="tab-${store.view}" tabindex="-1">${body}</div>`;
  }

  private renderPreferences(): TemplateResult {
    const strings = stringsFor(this.resolvedLocale);
    const store = this.store;
    const error = store.prefsError
      ? html`<p class="status" part="error" role="alert">${strings.saveFailed}</p>`
      : nothing;
    if (!store.prefs)
      return html`<div class="body">
        ${store.prefsError ? error : html`<p class="state" part="loading" role="status">${strings.loading}</p>`}
      </div>`;
    return html`<div class="body">
      ${error}${preferencesView(store.prefs, strings, (flag, enabled) => void store.setPreference(flag, enabled))}
    </div>`;
  }

  /** Opens or closes the popover; opening moves focus into it. */
  toggle(): void {
    if (this.open) this.close(true);
    else void this.show();
  }

  async show(): Promise<void> {
    this.open = true;
    this.panel = 'feed';
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }

  /** Closes the popover; `returnFocus` puts focus back on the bell. */
  close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.bell?.focus();
  }

  private get bell(): HTMLButtonElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLButtonElement>('.bell');
  }

  private async showPanel(panel: 'feed' | 'preferences'): Promise<void> {
    this.panel = panel;
    if (panel === 'preferences') void this.store.loadPreferences();
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('#heading')?.focus();
  }

  /**
   * The action link was followed: the item is marked read, and a cancelable `belfry-open`
   * event ({ item, href }) lets a single-page app route it itself (preventDefault).
   */
  private opened(item: InboxItem, event: MouseEvent): void {
    if (!item.read) void this.store.toggleRead(item);
    const href = (event.currentTarget as HTMLAnchorElement).href;
    const open = new CustomEvent('belfry-open', {
      detail: { item, href },
      cancelable: true,
      bubbles: true,
      composed: true,
    });
    if (!this.dispatchEvent(open)) event.preventDefault();
  }

  private async archive(item: InboxItem): Promise<void> {
    const index = await this.store.archive(item);
    await this.updateComplete;
    // Focus moves to the item that took its place (or the list), not back to the top of the page.
    const items = this.shadowRoot?.querySelectorAll<HTMLElement>('.item button');
    const next = this.shadowRoot?.querySelectorAll<HTMLElement>('.item')[Math.max(index, 0)];
    (
      next?.querySelector<HTMLElement>('button') ??
      items?.[0] ??
      this.shadowRoot?.querySelector<HTMLElement>('#feed')
    )?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close(true);
    }
  };

  private readonly onTabKeydown = (event: KeyboardEvent): void => {
    const index = VIEWS.indexOf(this.store.view);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % VIEWS.length
        : event.key === 'ArrowLeft'
          ? (index + VIEWS.length - 1) % VIEWS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? VIEWS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    void this.store.setView(VIEWS[next]!);
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#tab-${VIEWS[next]}`)?.focus());
  };

  private readonly onOutside = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.close(false);
  };

  private readonly onNetwork = (): void => {
    this.online = navigator.onLine;
  };
}

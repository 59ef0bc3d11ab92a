import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { feedView, nextTab, VIEWS } from './feed-view.js';
import { announceOpen, followAction } from './follow-link.js';
import type { InboxItem } from '../client/create-client.js';
import { bellIcon } from './icons.js';
import { InboxStore } from './inbox-store.js';
import { panelHeader } from './panel-header.js';
import type { ItemActions } from './item-view.js';
import { preferencesView } from './preferences-view.js';
import { badgeText, languageOf, resolveLocale, stringsFor, type BadgeKind } from './strings.js';
import { styles } from './styles.js';
import { parseTags } from './tags.js';

/** About the snooze menu's height (three choices), to decide whether it opens up or down. */
const MENU_HEIGHT = 130;

/**
 * Where Belfry is when no `server` attribute is given: the origin this module was loaded from
 * when it is Belfry's own /sdk/belfry-inbox.js, else the page's origin.
 */
function defaultServer(): string {
  const self = new URL(import.meta.url);
  return self.pathname.endsWith('/sdk/belfry-inbox.js') ? self.origin : location.origin;
}

/**
 * `<belfry-inbox server="https://belfry.example" token="…">`: a bell with the unread (or
 * unseen) badge and a popover inbox (Unread / All / Archived, load more, mark read/unread,
 * archive/unarchive, snooze, action buttons, mark all read, preferences), live over
 * graphql-ws with catch-up after a reconnect.
 *
 * Attributes: `server`, `token`, `locale` (default: the browser's), `theme` (light | dark;
 * default: prefers-color-scheme), `page-size` (default 20), `align` (end | start: which edge
 * of the bell the popover lines up with), `badge` (unread | unseen: what the badge counts;
 * opening the feed marks the items shown seen), `tags` (comma-separated: only items with any
 * of them, in the feed and the badge), `action-target` (_self | _blank: where links and action
 * buttons open). Property: `getToken`, an async function that replaces `token` and is called
 * before every request and on every (re)connect.
 *
 * Events: `belfry-notification` ({ item }) for each item that arrives live; `belfry-open`
 * ({ item, href, actionIndex }, cancelable) when an item's link or action button is followed.
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
    badge: { type: String },
    tags: { type: String },
    actionTarget: { type: String, attribute: 'action-target' },
    open: { type: Boolean, state: true },
    menuFor: { type: String, state: true },
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
  declare badge: BadgeKind;
  declare tags: string | undefined;
  declare actionTarget: '_self' | '_blank';
  declare open: boolean;
  /** The item whose snooze menu is open. */
  declare menuFor: string | undefined;
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
  private menuDirection: 'down' | 'up' = 'down';
  private clock: ReturnType<typeof setInterval> | undefined;
  private now = Date.now();

  constructor() {
    super();
    this.pageSize = 20;
    this.badge = 'unread';
    this.actionTarget = '_self';
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
    const settings: (keyof BelfryInboxElement)[] = ['server', 'token', 'getToken', 'tags'];
    if (settings.some((name) => changed.has(name))) this.needsConnect = true;
  }

  protected override updated(): void {
    // The feed is open and shows these items: they count as seen (the unseen badge clears).
    if (this.open && this.panel === 'feed') void this.store.markShownSeen();
    // Signed out (no token yet): wait for one rather than be refused.
    if (!this.needsConnect || !this.isConnected || !(this.token || this.getToken)) return;
    this.needsConnect = false;
    void this.store.connect({
      server: this.server || defaultServer(),
      getToken: () => (this.getToken ? this.getToken() : (this.token ?? '')),
      tags: parseTags(this.tags),
    });
  }

  private get resolvedLocale(): string {
    return resolveLocale(this.locale);
  }

  override render(): TemplateResult {
    const strings = stringsFor(this.resolvedLocale);
    const kind: BadgeKind = this.badge === 'unseen' ? 'unseen' : 'unread';
    const count = kind === 'unseen' ? this.store.unseen : this.store.count;
    return html`<button
        class="bell"
        part="bell"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${strings.bellLabel(count, kind)}
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
      @pointerdown=${this.onPanelPointer}
    >
      ${panelHeader(prefs, strings, store.count === 0, {
        back: () => void this.showPanel('feed'),
        markAllRead: () => void store.markAllRead(),
        preferences: () => void this.showPanel('preferences'),
        close: () => this.close(true),
      })}
      ${statusText ? html`<p class="status" part="status" role="status">${statusText}</p>` : nothing}
      ${prefs ? this.renderPreferences() : this.renderFeed()}
    </div>`;
  }

  private renderFeed(): TemplateResult {
    const locale = this.resolvedLocale;
    return feedView(
      this.store,
      {
        view: this.store.view,
        strings: stringsFor(locale),
        locale,
        now: this.now,
        actions: this.itemActions,
        menuFor: this.menuFor,
        menuDirection: this.menuDirection,
        target: this.actionTarget === '_blank' ? '_blank' : '_self',
      },
      this.onTabKeydown,
    );
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
      ${error}${preferencesView(store.prefs, store.templates ?? [], strings, {
        toggle: (flag, enabled) => void store.setPreference(flag, enabled),
        toggleTemplate: (key, channel, enabled) => void store.setTemplatePreference(key, channel, enabled),
      })}
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
    this.menuFor = undefined;
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

  private readonly itemActions: ItemActions = {
    toggleRead: (item) => void this.store.toggleRead(item),
    archive: (item) => void this.removeThen(this.store.archive(item)),
    unarchive: (item) => void this.removeThen(this.store.unarchive(item), stringsFor(this.resolvedLocale).unarchived),
    snooze: (item, until) => {
      this.menuFor = undefined;
      const strings = stringsFor(this.resolvedLocale);
      const when = until.toLocaleString(this.resolvedLocale, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
      void this.removeThen(this.store.snooze(item, until), strings.snoozedUntil(when));
    },
    // The title link: the item is marked read and the app may route it itself (belfry-open).
    opened: (item, event) => {
      if (!item.read) void this.store.toggleRead(item);
      if (!announceOpen(this, item, (event.currentTarget as HTMLAnchorElement).href)) event.preventDefault();
    },
    followAction: (item, index, href, event) => followAction(this, this.store, item, index, href, event),
    toggleMenu: (item) => {
      this.menuDirection = this.roomFor(item);
      this.menuFor = this.menuFor === item.id ? undefined : item.id;
      if (this.menuFor) void this.focusIn('[role="menuitem"]');
    },
    closeMenu: (returnFocus) => {
      const id = this.menuFor;
      this.menuFor = undefined;
      if (returnFocus && id) void this.focusIn(`.item[data-id="${CSS.escape(id)}"] [data-action="snooze"]`);
    },
  };

  /** Whether the item's snooze menu fits below its button in the visible list, else above it if there is more room there. */
  private roomFor(item: InboxItem): 'down' | 'up' {
    const root = this.shadowRoot;
    const button = root?.querySelector(`.item[data-id="${CSS.escape(item.id)}"] [data-action="snooze"]`);
    const list = root?.querySelector('#feed');
    if (!button || !list) return 'down';
    const at = button.getBoundingClientRect();
    const view = list.getBoundingClientRect();
    const below = view.bottom - at.bottom;
    return below < MENU_HEIGHT && at.top - view.top > below ? 'up' : 'down';
  }

  private async focusIn(selector: string): Promise<void> {
    await this.updateComplete;
    const target = this.shadowRoot?.querySelector<HTMLElement>(selector);
    target?.focus();
    // A menu opened near the bottom of the list scrolls into view whole.
    (target?.closest('.menu') ?? target)?.scrollIntoView({ block: 'nearest' });
  }

  /**
   * After an item left the list (archived, unarchived, snoozed): focus moves to the item that
   * took its place (or the list), not back to the top of the page; `announce` is read out.
   */
  private async removeThen(removal: Promise<number>, announce?: string): Promise<void> {
    const index = await removal;
    if (announce) this.announcement = announce;
    await this.updateComplete;
    const items = this.shadowRoot?.querySelectorAll<HTMLElement>('.item button');
    const next = this.shadowRoot?.querySelectorAll<HTMLElement>('.item')[Math.max(index, 0)];
    (
      next?.querySelector<HTMLElement>('button') ??
      items?.[0] ??
      this.shadowRoot?.querySelector<HTMLElement>('#feed')
    )?.focus();
  }

  /** A press in the panel outside the open snooze menu closes it. */
  private readonly onPanelPointer = (event: PointerEvent): void => {
    if (!this.menuFor) return;
    const inMenu = event
      .composedPath()
      .some((node) => node instanceof HTMLElement && node.classList.contains('menu-wrap'));
    if (!inMenu) this.menuFor = undefined;
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close(true);
    }
  };

  private readonly onTabKeydown = (event: KeyboardEvent): void => {
    const next = nextTab(this.store.view, event.key);
    if (next < 0) return;
    event.preventDefault();
    const view = VIEWS[next]!;
    this.menuFor = undefined;
    void this.store.setView(view);
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
  };

  private readonly onOutside = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.close(false);
  };

  private readonly onNetwork = (): void => {
    this.online = navigator.onLine;
  };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  createBelfryClient,
  type BelfryClient,
  type InboxItem,
  type InboxView,
  type PreferenceFlags,
  type TemplateChoice,
} from '../client/create-client.js';
import type { Channel, PreferencesInput } from '../client/generated/graphql.js';
import type { LiveStatus } from '../client/live.js';

/** Where to connect and as whom; the element builds it from its attributes. */
export interface StoreConnection {
  server: string;
  getToken(): string | Promise<string>;
  /** Only items with any of these tags (the `tags` attribute). */
  tags?: string[];
}

/**
 * The element's state and everything that changes it: the badge count, the listed view with
 * its cursor, the live connection and the preferences. A Lit reactive controller: every
 * change asks the host to render.
 */
export class InboxStore implements ReactiveController {
  client: BelfryClient | undefined;
  view: InboxView = 'unread';
  items: InboxItem[] = [];
  endCursor: string | null = null;
  hasNextPage = false;
  loading = false;
  loadError: string | undefined;
  /** Unread items (the default badge). */
  count = 0;
  /** Unread items not yet seen in the feed (badge="unseen"). */
  unseen = 0;
  status: LiveStatus = 'connecting';
  prefs: PreferenceFlags | undefined;
  prefsError: string | undefined;
  templates: TemplateChoice[] | undefined;
  /** Ids sent to markSeen and not answered yet, so a render does not send them twice. */
  private readonly seenPending = new Set<string>();
  /** Bumped on each list reload so a slow answer for an old view is dropped. */
  private generation = 0;
  private stopLive: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly pageSize: () => number,
    /** Called for each item that arrives live (the element announces it). */
    private readonly onAdded: (item: InboxItem) => void = () => {},
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    void this.disconnect();
  }

  /** (Re)connects with new settings: one client, one socket, the first page and the count. */
  async connect(connection: StoreConnection): Promise<void> {
    await this.disconnect();
    const client = createBelfryClient({
      url: connection.server,
      getToken: () => connection.getToken(),
      tags: connection.tags,
    });
    this.client = client;
    this.status = 'connecting';
    this.stopLive = client.live({
      onNotification: (item) => this.added(item),
      onUnreadCount: (count, unseen) => this.setCounts(count, unseen),
      onStatus: (status) => this.update(() => (this.status = status)),
      onReconnected: () => void this.catchUp(),
    });
    await Promise.all([this.reload(), this.refreshCount()]);
  }

  async disconnect(): Promise<void> {
    this.stopLive?.();
    this.stopLive = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.dispose();
  }

  async setView(view: InboxView): Promise<void> {
    if (view === this.view) return;
    this.view = view;
    await this.reload();
  }

  /** The first page of the current view, replacing the list. */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = ++this.generation;
    this.update(() => {
      this.loading = true;
      this.loadError = undefined;
      this.items = [];
    });
    try {
      const page = await client.inbox(this.view, { first: this.pageSize() });
      if (generation !== this.generation) return;
      this.items = page.items;
      this.endCursor = page.endCursor;
      this.hasNextPage = page.hasNextPage;
    } catch (error) {
      if (generation === this.generation) this.loadError = messageOf(error);
    } finally {
      if (generation === this.generation) this.update(() => (this.loading = false));
    }
  }

  /** The next page after the current cursor, appended. */
  async loadMore(): Promise<void> {
    const client = this.client;
    if (!client || !this.hasNextPage || this.loading) return;
    const generation = this.generation;
    this.update(() => (this.loading = true));
    try {
      const page = await client.inbox(this.view, { first: this.pageSize(), after: this.endCursor });
      if (generation !== this.generation) return;
      const known = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...page.items.filter((item) => !known.has(item.id))];
      this.endCursor = page.endCursor;
      this.hasNextPage = page.hasNextPage;
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.update(() => (this.loading = false));
    }
  }

  /** After a reconnect: the items the socket missed go on top, and the badge is read again. */
  async catchUp(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const view = this.view;
    const known = new Set(this.items.map((item) => item.id));
    try {
      const [missed] = await Promise.all([client.catchUp(view, (id) => known.has(id)), this.refreshCount()]);
      if (view !== this.view || client !== this.client) return;
      const present = new Set(this.items.map((item) => item.id));
      this.update(() => (this.items = [...missed.filter((item) => !present.has(item.id)), ...this.items]));
    } catch (error) {
      this.update(() => (this.loadError = messageOf(error)));
    }
  }

  async refreshCount(): Promise<void> {
    if (!this.client) return;
    try {
      const { unread, unseen } = await this.client.counts();
      this.setCounts(unread, unseen);
    } catch {
      // The list shows the error; the badge keeps its last value.
    }
  }

  async toggleRead(item: InboxItem): Promise<void> {
    if (!this.client) return;
    const changed = item.read ? await this.client.markUnread(item.id) : await this.client.markRead(item.id);
    this.replace(changed);
  }

  /** Removes it from the list and returns where it was. */
  async archive(item: InboxItem): Promise<number> {
    if (!this.client) return -1;
    await this.client.archive(item.id);
    return this.remove(item);
  }

  /** Brings an archived item back: it leaves the Archived list. */
  async unarchive(item: InboxItem): Promise<number> {
    if (!this.client) return -1;
    await this.client.unarchive(item.id);
    return this.remove(item);
  }

  /** Hides the item until `until`; Belfry announces it live again then (see `added`). */
  async snooze(item: InboxItem, until: Date): Promise<number> {
    if (!this.client) return -1;
    await this.client.snooze(item.id, until);
    return this.remove(item);
  }

  /** Records a click on action `index` (the item becomes read); resolves once Belfry has it. */
  async clickAction(item: InboxItem, index: number): Promise<void> {
    if (!this.client) return;
    this.replace(await this.client.clickAction(item.id, index));
  }

  /** Marks the listed items that are still unseen as seen (the feed is open and shows them). */
  async markShownSeen(): Promise<void> {
    const ids = this.items
      .filter((item) => !item.seen && !this.seenPending.has(item.id))
      .map((item) => item.id)
      .slice(0, 100);
    if (!this.client || ids.length === 0) return;
    ids.forEach((id) => this.seenPending.add(id));
    try {
      const seen = new Map((await this.client.markSeen(ids)).map((item) => [item.id, item]));
      this.update(() => (this.items = this.items.map((item) => seen.get(item.id) ?? item)));
    } catch {
      // Not fatal: the badge stays until the next open.
    } finally {
      ids.forEach((id) => this.seenPending.delete(id));
    }
  }

  async markAllRead(): Promise<void> {
    if (!this.client) return;
    await this.client.markAllRead();
    this.update(() => (this.items = this.items.map((item) => ({ ...item, read: true, seen: true }))));
    await this.refreshCount();
  }

  async loadPreferences(): Promise<void> {
    if (!this.client) return;
    try {
      this.prefsError = undefined;
      const [prefs, templates] = await Promise.all([this.client.preferences(), this.client.templates()]);
      this.update(() => {
        this.prefs = prefs;
        this.templates = templates;
      });
    } catch (error) {
      this.update(() => (this.prefsError = messageOf(error)));
    }
  }

  /** Optimistic: the box flips at once and flips back if Belfry refuses. */
  async setPreference(flag: keyof PreferencesInput, enabled: boolean): Promise<void> {
    if (!this.client || !this.prefs) return;
    const before = this.prefs;
    this.update(() => (this.prefs = { ...before, [flag]: enabled }));
    try {
      const prefs = await this.client.updatePreferences({ [flag]: enabled });
      this.update(() => (this.prefs = prefs));
    } catch (error) {
      this.update(() => {
        this.prefs = before;
        this.prefsError = messageOf(error);
      });
    }
  }

  /** Optimistic, as setPreference: one template on one channel. */
  async setTemplatePreference(templateKey: string, channel: Channel, enabled: boolean): Promise<void> {
    if (!this.client || !this.prefs) return;
    const before = this.prefs;
    const others = before.templates.filter((entry) => entry.templateKey !== templateKey || entry.channel !== channel);
    this.update(() => (this.prefs = { ...before, templates: [...others, { templateKey, channel, enabled }] }));
    try {
      const prefs = await this.client.setTemplatePreference(templateKey, channel, enabled);
      this.update(() => (this.prefs = prefs));
    } catch (error) {
      this.update(() => {
        this.prefs = before;
        this.prefsError = messageOf(error);
      });
    }
  }

  private setCounts(unread: number, unseen: number): void {
    this.update(() => {
      this.count = unread;
      this.unseen = unseen;
    });
  }

  private remove(item: InboxItem): number {
    const index = this.items.findIndex((entry) => entry.id === item.id);
    this.update(() => (this.items = this.items.filter((entry) => entry.id !== item.id)));
    return index;
  }

  private added(item: InboxItem): void {
    this.onAdded(item);
    // A snoozed item that wakes comes here too; a read one does not belong in Unread.
    if (this.view === 'archived' || (this.view === 'unread' && item.read)) return;
    if (this.items.some((entry) => entry.id === item.id)) return;
    this.update(() => (this.items = [item, ...this.items]));
  }

  private replace(changed: InboxItem): void {
    this.update(() => (this.items = this.items.map((item) => (item.id === changed.id ? changed : item))));
  }

  private update(change: () => void): void {
    change();
    this.host.requestUpdate();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

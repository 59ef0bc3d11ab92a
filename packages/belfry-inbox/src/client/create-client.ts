import {
  ArchiveDocument,
  ClickActionDocument,
  CountsDocument,
  InboxPageDocument,
  MarkAllReadDocument,
  MarkReadDocument,
  MarkSeenDocument,
  MarkUnreadDocument,
  NotificationAddedDocument,
  PreferencesDocument,
  SetTemplatePreferenceDocument,
  SnoozeDocument,
  TemplateChoicesDocument,
  UnarchiveDocument,
  UnreadCountChangedDocument,
  UnreadCountDocument,
  UnsnoozeDocument,
  UpdatePreferencesDocument,
  type Channel,
  type InboxItemFragment,
  type NotificationFilter,
  type PreferenceFlagsFragment,
  type PreferencesInput,
  type TemplateChoicesQuery,
} from './generated/graphql.js';
import { endpointsOf, postGraphQL, type TypedDocument } from './http.js';
import { LiveConnection, type LiveSink, type LiveStatus } from './live.js';

/** One inbox item as the client reads it (see operations.graphql, fragment InboxItem). */
export type InboxItem = InboxItemFragment;
/** A user's channel × category flags and per-template choices (fragment PreferenceFlags). */
export type PreferenceFlags = PreferenceFlagsFragment;
/** A template the user may turn off per channel (query TemplateChoices). */
export type TemplateChoice = TemplateChoicesQuery['templates'][number];
/** The badge numbers: unread items, and those of them not yet seen in the feed. */
export interface InboxCounts {
  unread: number;
  unseen: number;
}

/** The inbox views the component shows as tabs. */
export type InboxView = 'unread' | 'all' | 'archived';

/** One page of a view: items newest first, and the cursor of the next page. */
export interface InboxPage {
  items: InboxItem[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface BelfryClientOptions {
  /** Belfry's base URL (https://belfry.example) or its GraphQL endpoint (…/graphql). */
  url: string;
  /** The user's token (a JWT); called before every request and on every (re)connect, so it may refresh. */
  getToken(): string | Promise<string>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** A WebSocket constructor where there is no global one (Node 20: `ws`). */
  webSocketImpl?: unknown;
  /**
   * Only items with any of these tags (Belfry lower-cases them): lists, counts, catch-up and
   * live items. Live counts are then read again on each change, since Belfry's live count is
   * the whole inbox's.
   */
  tags?: string[];
}

/** Handlers for `live()`: every one is optional. */
export interface LiveHandlers {
  /** A new item entered the inbox. */
  onNotification?(item: InboxItem): void;
  /** The unread count changed; `unseen` is how many of them were not seen in the feed yet. */
  onUnreadCount?(count: number, unseen: number): void;
  onStatus?(status: LiveStatus): void;
  /** After a reconnect: catch up here (see `catchUp`) on what the socket missed. */
  onReconnected?(): void;
  onError?(error: unknown): void;
}

/** The typed headless client; see createBelfryClient. */
export interface BelfryClient {
  /** Runs any generated operation over HTTP. */
  request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables): Promise<TResult>;
  /** Runs any generated subscription over graphql-ws until the returned function is called. */
  subscribe<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables,
    sink: LiveSink<TResult>,
  ): () => void;
  /** One page of a view; pass the previous page's `endCursor` as `after` for the next. */
  inbox(view: InboxView, options?: { first?: number; after?: string | null }): Promise<InboxPage>;
  unreadCount(): Promise<number>;
  /** Unread and unseen counts in one request. */
  counts(): Promise<InboxCounts>;
  markRead(id: string): Promise<InboxItem>;
  markUnread(id: string): Promise<InboxItem>;
  /** Marks items seen (shown in the feed); 1 to 100 ids. */
  markSeen(ids: string[]): Promise<InboxItem[]>;
  archive(id: string): Promise<InboxItem>;
  unarchive(id: string): Promise<InboxItem>;
  /** Hides the item until `until` (future, at most a year ahead); Belfry announces it live again then. */
  snooze(id: string, until: Date): Promise<InboxItem>;
  unsnooze(id: string): Promise<InboxItem>;
  /** Records a click on action button `index` and marks the item read; the caller then opens its url. */
  clickAction(id: string, index: number): Promise<InboxItem>;
  /** Returns how many items changed. */
  markAllRead(): Promise<number>;
  preferences(): Promise<PreferenceFlags>;
  /** Changes the given flags only. */
  updatePreferences(input: PreferencesInput): Promise<PreferenceFlags>;
  /** The active templates the preferences panel offers per-template toggles for. */
  templates(): Promise<TemplateChoice[]>;
  /** Turns one template off (or back on) on one channel. */
  setTemplatePreference(templateKey: string, channel: Channel, enabled: boolean): Promise<PreferenceFlags>;
  /**
   * New items and the unread count as they happen, over one socket that reconnects by itself.
   * Returns a function that stops both subscriptions.
   */
  live(handlers: LiveHandlers): () => void;
  /**
   * What a view gained while the socket was away: reads pages from the newest until it
   * reaches an item `isKnown` says was shown (at most `maxPages` pages), and returns the
   * new ones newest first. Belfry lists an item by when it entered the inbox, so a
   * scheduled item released during the disconnect is found too.
   */
  catchUp(view: InboxView, isKnown: (id: string) => boolean, options?: { maxPages?: number }): Promise<InboxItem[]>;
  /** Closes the socket. */
  dispose(): Promise<void>;
}

/** The filter each view lists, narrowed to `tags` when given. */
export function filterOf(view: InboxView, tags?: string[]): NotificationFilter {
  const tagged = tags?.length ? { tags } : {};
  if (view === 'unread') return { unread: true, ...tagged };
  if (view === 'archived') return { archived: true, ...tagged };
  return tagged;
}

/** Whether a live item belongs in a feed narrowed to `tags` (Belfry stores tags lower-cased). */
export function hasAnyTag(item: Pick<InboxItem, 'tags'>, tags: string[] | undefined): boolean {
  if (!tags?.length) return true;
  const wanted = new Set(tags.map((tag) => tag.toLowerCase()));
  return item.tags.some((tag) => wanted.has(tag));
}

/**
 * A typed client for one Belfry user: queries and mutations over fetch, live events over
 * graphql-ws (reconnecting, with `getToken()` on every connect), and the catch-up that makes
 * a disconnect lose nothing. The operation types come from schema.graphql (GraphQL Code
 * Generator, src/client/generated/graphql.ts).
 */
export function createBelfryClient(options: BelfryClientOptions): BelfryClient {
  const endpoints = endpointsOf(options.url);
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  let liveHandlers = new Set<LiveHandlers>();
  const connection = new LiveConnection({
    url: endpoints.ws,
    getToken: () => options.getToken(),
    webSocketImpl: options.webSocketImpl,
    onStatus: (status) => liveHandlers.forEach((handlers) => handlers.onStatus?.(status)),
    onReconnected: () => liveHandlers.forEach((handlers) => handlers.onReconnected?.()),
  });

  const tags = options.tags?.length ? options.tags : undefined;
  const tagFilter = tags ? { tags } : undefined;
  const request: BelfryClient['request'] = async (document, variables) =>
    postGraphQL(endpoints.http, await options.getToken(), document, variables, fetchImpl);

  const counts = async (): Promise<InboxCounts> => {
    const { unread, unseen } = await request(CountsDocument, { filter: tagFilter });
    return { unread, unseen };
  };

  const inbox: BelfryClient['inbox'] = async (view, { first = 20, after = null } = {}) => {
    const { notifications } = await request(InboxPageDocument, { first, after, filter: filterOf(view, tags) });
    return {
      items: notifications.edges.map((edge) => edge.node),
      endCursor: notifications.pageInfo.endCursor,
      hasNextPage: notifications.pageInfo.hasNextPage,
    };
  };

  return {
    request,
    subscribe: (document, variables, sink) => connection.subscribe(document, variables, sink),
    inbox,
    unreadCount: async () => (await request(UnreadCountDocument, { filter: tagFilter })).notificationCount,
    counts,
    markRead: async (id) => (await request(MarkReadDocument, { id })).markNotificationRead,
    markUnread: async (id) => (await request(MarkUnreadDocument, { id })).markNotificationUnread,
    markSeen: async (ids) => (await request(MarkSeenDocument, { ids })).markNotificationsSeen,
    archive: async (id) => (await request(ArchiveDocument, { id })).archiveNotification,
    unarchive: async (id) => (await request(UnarchiveDocument, { id })).unarchiveNotification,
    snooze: async (id, until) => (await request(SnoozeDocument, { id, until: until.toISOString() })).snoozeNotification,
    unsnooze: async (id) => (await request(UnsnoozeDocument, { id })).unsnoozeNotification,
    clickAction: async (id, index) => (await request(ClickActionDocument, { id, index })).clickNotificationAction,
    markAllRead: async () => (await request(MarkAllReadDocument, {})).markAllNotificationsRead,
    preferences: async () => (await request(PreferencesDocument, {})).preferences,
    updatePreferences: async (input) => (await request(UpdatePreferencesDocument, { input })).updatePreferences,
    templates: async () => (await request(TemplateChoicesDocument, {})).templates,
    setTemplatePreference: async (templateKey, channel, enabled) =>
      (await request(SetTemplatePreferenceDocument, { templateKey, channel, enabled })).setTemplatePreference,
    live(handlers) {
      liveHandlers = new Set(liveHandlers).add(handlers);
      const onError = (error: unknown) => handlers.onError?.(error);
      const stops = [
        connection.subscribe(
          NotificationAddedDocument,
          {},
          {
            next: (data) => {
              if (hasAnyTag(data.notificationAdded, tags)) handlers.onNotification?.(data.notificationAdded);
            },
            error: onError,
          },
        ),
        connection.subscribe(
          UnreadCountChangedDocument,
          {},
          {
            next: ({ unreadCountChanged: change }) => {
              if (!tags) handlers.onUnreadCount?.(change.count, change.unseen);
              else counts().then(({ unread, unseen }) => handlers.onUnreadCount?.(unread, unseen), onError);
            },
            error: onError,
          },
        ),
      ];
      return () => {
        liveHandlers.delete(handlers);
        stops.forEach((stop) => stop());
      };
    },
    async catchUp(view, isKnown, { maxPages = 5 } = {}) {
      const found: InboxItem[] = [];
      let after: string | null = null;
      for (let page = 0; page < maxPages; page++) {
        const result: InboxPage = await inbox(view, { first: 20, after });
        for (const item of result.items) {
          if (isKnown(item.id)) return found;
          found.push(item);
        }
        if (!result.hasNextPage) return found;
        after = result.endCursor;
      }
      return found;
    },
    dispose: () => connection.dispose(),
  };
}

import { html, nothing, type TemplateResult } from 'lit';
import type { InboxItem, InboxView } from '../client/create-client.js';
import { snoozeMenu, type MenuState, type SnoozeMenuHandlers } from './snooze-menu.js';
import { relativeTime, type Strings } from './strings.js';

/** What a person can do to one item. */
export interface ItemActions extends SnoozeMenuHandlers {
  toggleRead(item: InboxItem): void;
  archive(item: InboxItem): void;
  unarchive(item: InboxItem): void;
  /** The action link (the title) was followed: the item counts as read. */
  opened(item: InboxItem, event: MouseEvent): void;
  /** Action button `index` was clicked: recorded, then its url opened. */
  followAction(item: InboxItem, index: number, href: string, event: MouseEvent): void;
}

/** Everything an item's rendering depends on besides the item. */
export interface ItemContext {
  view: InboxView;
  strings: Strings;
  locale: string;
  now: number;
  actions: ItemActions;
  /** The id of the item whose snooze menu is open, and which way it opens. */
  menuFor: string | undefined;
  menuDirection: Exclude<MenuState, false>;
  /** Where links and action buttons open: `_self` (default) or `_blank`. */
  target: '_self' | '_blank';
}

/**
 * The item's action URL as a link target: http(s) only, app paths resolved against the
 * page. Anything else (javascript:, data:, …) gives no link.
 */
export function safeHref(actionUrl: string | null, base: string): string | undefined {
  if (!actionUrl) return undefined;
  try {
    const url = new URL(actionUrl, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One inbox item: title (a link when it has an action URL), message, category, priority
 * (HIGH and URGENT stand out), relative time, its action buttons (up to two, PRIMARY drawn
 * filled) and its own buttons: read/unread, archive (unarchive in Archived) and Snooze.
 */
export function itemView(item: InboxItem, context: ItemContext): TemplateResult {
  const { view, strings, locale, actions, target } = context;
  const href = safeHref(item.actionUrl, document.baseURI);
  const titleId = `title-${item.id}`;
  const priority = item.priority === 'URGENT' ? 'urgent' : item.priority === 'HIGH' ? 'high' : '';
  const when = item.sendAt && item.sendAt > item.createdAt ? item.sendAt : item.createdAt;
  const rel = target === '_blank' ? 'noopener' : nothing;
  const buttons = item.actions.flatMap((action, index) => {
    const url = safeHref(action.url, document.baseURI);
    if (!url) return [];
    const style = action.style === 'PRIMARY' ? 'primary' : 'secondary';
    return [
      html`<a
        class="text-button ${style}"
        part="action-button action-${style}"
        href=${url}
        target=${target}
        rel=${rel}
        data-action-index=${index}
        @click=${(event: MouseEvent) => actions.followAction(item, index, url, event)}
        >${action.label}</a
      >`,
    ];
  });
  return html`<li
    class="item ${item.read ? 'read' : 'unread'} ${priority}"
    part="item ${item.read ? 'item-read' : 'item-unread'} ${item.seen ? '' : 'item-unseen'} ${
      priority ? `item-${priority}` : ''
    }"
    data-id=${item.id}
    aria-labelledby=${titleId}
  >
    <span class="dot" aria-hidden="true"></span>
    <div class="content">
      <h3 id=${titleId} part="item-title">
        ${item.read ? nothing : html`<span class="visually-hidden">${strings.unread}: </span>`}
        ${
          href
            ? html`<a
                href=${href}
                target=${target}
                rel=${rel}
                part="action-link"
                @click=${(event: MouseEvent) => actions.opened(item, event)}
                >${item.title}</a
              >`
            : item.title
        }
      </h3>
      ${item.message ? html`<p class="message" part="item-message">${item.message}</p>` : nothing}
      <div class="meta" part="item-meta">
        ${
          priority
            ? html`<span class="chip priority-${priority}" part="priority priority-${priority}"
                >${strings.priorities[item.priority]}</span
              >`
            : nothing
        }
        <span class="chip" part="category">${strings.categories[item.category]}</span>
        <time datetime=${when} title=${new Date(when).toLocaleString(locale)}
          >${relativeTime(when, locale, context.now)}</time
        >
      </div>
      ${buttons.length ? html`<div class="action-buttons" part="action-buttons">${buttons}</div>` : nothing}
      <div class="item-actions" part="item-actions">
        <button class="text-button" part="button" data-action="toggle-read" @click=${() => actions.toggleRead(item)}>
          ${item.read ? strings.markUnread : strings.markRead}
        </button>
        ${
          view === 'archived'
            ? html`<button
                class="text-button"
                part="button unarchive-button"
                data-action="unarchive"
                @click=${() => actions.unarchive(item)}
              >
                ${strings.unarchive}
              </button>`
            : html`<button
                  class="text-button"
                  part="button"
                  data-action="archive"
                  @click=${() => actions.archive(item)}
                >
                  ${strings.archive}
                </button>
                ${snoozeMenu(item, context.menuFor === item.id && context.menuDirection, strings, locale, actions)}`
        }
      </div>
    </div>
  </li>`;
}

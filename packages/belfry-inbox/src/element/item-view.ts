import { html, nothing, type TemplateResult } from 'lit';
import type { InboxItem, InboxView } from '../client/create-client.js';
import { relativeTime, type Strings } from './strings.js';

/** What a person can do to one item. */
export interface ItemActions {
  toggleRead(item: InboxItem): void;
  archive(item: InboxItem): void;
  /** The action link was followed: the item counts as read. */
  opened(item: InboxItem, event: MouseEvent): void;
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
 * (HIGH and URGENT stand out), relative time, and its buttons. Seen state and up to two
 * action buttons (`actions { label url style }`, issue 10 item 3) are rendered in
 * `extraActions` once the schema has them.
 */
export function itemView(
  item: InboxItem,
  view: InboxView,
  strings: Strings,
  locale: string,
  actions: ItemActions,
  now: number,
): TemplateResult {
  const href = safeHref(item.actionUrl, document.baseURI);
  const titleId = `title-${item.id}`;
  const priority = item.priority === 'URGENT' ? 'urgent' : item.priority === 'HIGH' ? 'high' : '';
  const when = item.sendAt && item.sendAt > item.createdAt ? item.sendAt : item.createdAt;
  return html`<li
    class="item ${item.read ? 'read' : 'unread'} ${priority}"
    part="item ${item.read ? 'item-read' : 'item-unread'} ${priority ? `item-${priority}` : ''}"
    data-id=${item.id}
    aria-labelledby=${titleId}
  >
    <span class="dot" aria-hidden="true"></span>
    <div class="content">
      <h3 id=${titleId} part="item-title">
        ${item.read ? nothing : html`<span class="visually-hidden">${strings.unread}: </span>`}
        ${
          href
            ? html`<a href=${href} part="action-link" @click=${(event: MouseEvent) => actions.opened(item, event)}
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
        <time datetime=${when} title=${new Date(when).toLocaleString(locale)}>${relativeTime(when, locale, now)}</time>
      </div>
      <div class="item-actions">
        <button class="text-button" part="button" data-action="toggle-read" @click=${() => actions.toggleRead(item)}>
          ${item.read ? strings.markUnread : strings.markRead}
        </button>
        ${
          view === 'archived'
            ? nothing
            : html`<button
                class="text-button"
                part="button"
                data-action="archive"
                @click=${() => actions.archive(item)}
              >
                ${strings.archive}
              </button>`
        }
      </div>
    </div>
  </li>`;
}

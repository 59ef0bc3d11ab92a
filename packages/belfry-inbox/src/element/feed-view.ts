import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { InboxView } from '../client/create-client.js';
import type { InboxStore } from './inbox-store.js';
import { itemView, type ItemContext } from './item-view.js';

/** The feed's tabs, in order. */
export const VIEWS: InboxView[] = ['unread', 'all', 'archived'];

/** The view tabs and the list of the current view (or its loading, empty or error state). */
export function feedView(
  store: InboxStore,
  context: ItemContext,
  onTabKeydown: (event: KeyboardEvent) => void,
): TemplateResult {
  const { strings } = context;
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
          (item) => itemView(item, context),
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
  return html`<div role="tablist" part="tabs" aria-label=${strings.notifications} @keydown=${onTabKeydown}>
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

/** The next tab for an arrow, Home or End key on the tab list; -1 for any other key. */
export function nextTab(current: InboxView, key: string): number {
  const index = VIEWS.indexOf(current);
  if (key === 'ArrowRight') return (index + 1) % VIEWS.length;
  if (key === 'ArrowLeft') return (index + VIEWS.length - 1) % VIEWS.length;
  if (key === 'Home') return 0;
  if (key === 'End') return VIEWS.length - 1;
  return -1;
}

import type { InboxItem } from '../client/create-client.js';
import type { InboxStore } from './inbox-store.js';

/** How long a same-tab action waits for Belfry to record the click before it navigates anyway. */
const RECORD_TIMEOUT_MS = 2_000;

/**
 * Dispatches the cancelable `belfry-open` event ({ item, href, actionIndex }) the app may
 * take over (a single-page app routes `href` itself and calls preventDefault). Returns whether
 * the component should still navigate.
 */
export function announceOpen(host: HTMLElement, item: InboxItem, href: string, actionIndex?: number): boolean {
  const open = new CustomEvent('belfry-open', {
    detail: { item, href, actionIndex },
    cancelable: true,
    bubbles: true,
    composed: true,
  });
  return host.dispatchEvent(open);
}

/**
 * Action button `index` was clicked. The click is recorded (clickNotificationAction, which
 * also marks the item read), then its url opens: in a new tab when the link has
 * target="_blank" or the click asked for one (Ctrl/⌘/Shift, middle button), the browser opens
 * it and the record goes on in the background; in this tab, the navigation waits for the
 * record (at most 2 s) so the page does not cancel it by leaving.
 */
export function followAction(
  host: HTMLElement,
  store: InboxStore,
  item: InboxItem,
  index: number,
  href: string,
  event: MouseEvent,
): void {
  const record = store.clickAction(item, index).catch(() => {
    // The click could not be recorded: the link opens all the same.
  });
  if (!announceOpen(host, item, href, index)) {
    event.preventDefault();
    return;
  }
  const anchor = event.currentTarget as HTMLAnchorElement;
  const newTab = anchor.target === '_blank' || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0;
  if (newTab) return;
  event.preventDefault();
  const timeout = new Promise((resolve) => setTimeout(resolve, RECORD_TIMEOUT_MS));
  void Promise.race([record, timeout]).then(() => location.assign(href));
}

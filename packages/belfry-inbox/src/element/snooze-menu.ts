import { html, nothing, type TemplateResult } from 'lit';
import type { InboxItem } from '../client/create-client.js';
import { SNOOZE_CHOICES, snoozeTimeLabel, snoozeUntil } from './snooze-choices.js';
import type { Strings } from './strings.js';

/** What the snooze menu of one item reports to the element. */
export interface SnoozeMenuHandlers {
  /** Opens this item's menu (closing any other), or closes it. */
  toggleMenu(item: InboxItem): void;
  /** Closes the open menu; `returnFocus` puts focus back on its button. */
  closeMenu(returnFocus: boolean): void;
  snooze(item: InboxItem, until: Date): void;
}

/** Closed, or open below its button, or above it (when the list has no room below). */
export type MenuState = false | 'down' | 'up';

/**
 * The Snooze menu button of one item and, when open, its menu (WAI-ARIA menu button: Enter,
 * Space or ArrowDown open it on the first choice; arrows, Home and End move; Esc and Tab
 * close it, Esc returning focus to the button).
 */
export function snoozeMenu(
  item: InboxItem,
  open: MenuState,
  strings: Strings,
  locale: string,
  handlers: SnoozeMenuHandlers,
): TemplateResult {
  const menuId = `snooze-${item.id}`;
  const now = new Date();
  return html`<div class="menu-wrap">
    <button
      class="text-button"
      part="button snooze-button"
      data-action="snooze"
      aria-haspopup="menu"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? menuId : nothing}
      @click=${() => handlers.toggleMenu(item)}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'ArrowDown' && !open) {
          event.preventDefault();
          handlers.toggleMenu(item);
        }
      }}
    >
      ${strings.snooze}
    </button>
    ${
      open
        ? html`<div
            class="menu ${open}"
            part="menu snooze-menu"
            role="menu"
            id=${menuId}
            aria-label=${strings.snooze}
            @keydown=${(event: KeyboardEvent) => onMenuKeydown(event, handlers)}
          >
            ${SNOOZE_CHOICES.map((choice) => {
              const until = snoozeUntil(choice, now);
              return html`<button
                role="menuitem"
                part="menuitem"
                tabindex="-1"
                data-snooze=${choice}
                @click=${() => handlers.snooze(item, snoozeUntil(choice))}
              >
                <span>${strings.snoozeChoices[choice]}</span>
                <span class="when" part="menuitem-detail">${snoozeTimeLabel(until, locale, now)}</span>
              </button>`;
            })}
          </div>`
        : nothing
    }
  </div>`;
}

/** Roving focus inside the open menu; Esc and Tab close it. */
function onMenuKeydown(event: KeyboardEvent, handlers: SnoozeMenuHandlers): void {
  const menu = event.currentTarget as HTMLElement;
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const index = items.indexOf(event.target as HTMLElement);
  const last = items.length - 1;
  const next: Record<string, number> = {
    ArrowDown: index >= last ? 0 : index + 1,
    ArrowUp: index <= 0 ? last : index - 1,
    Home: 0,
    End: last,
  };
  if (event.key in next) {
    event.preventDefault();
    items[next[event.key]!]?.focus();
  } else if (event.key === 'Escape') {
    // The menu closes, not the whole popover.
    event.preventDefault();
    event.stopPropagation();
    handlers.closeMenu(true);
  } else if (event.key === 'Tab') {
    handlers.closeMenu(false);
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import { backIcon, checkAllIcon, closeIcon, gearIcon } from './icons.js';
import type { Strings } from './strings.js';

/** The header's buttons. */
export interface PanelHeaderHandlers {
  back(): void;
  markAllRead(): void;
  preferences(): void;
  close(): void;
}

/** The panel's header: back (in preferences), the heading, mark all read, preferences, close. */
export function panelHeader(
  prefs: boolean,
  strings: Strings,
  nothingUnread: boolean,
  handlers: PanelHeaderHandlers,
): TemplateResult {
  return html`<header part="header">
    ${
      prefs
        ? html`<button
            class="icon-button"
            part="icon-button"
            aria-label=${strings.backToInbox}
            title=${strings.backToInbox}
            @click=${() => handlers.back()}
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
              ?disabled=${nothingUnread}
              @click=${() => handlers.markAllRead()}
            >
              ${checkAllIcon}
            </button>
            <button
              class="icon-button"
              part="icon-button"
              data-action="preferences"
              aria-label=${strings.preferences}
              title=${strings.preferences}
              @click=${() => handlers.preferences()}
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
      @click=${() => handlers.close()}
    >
      ${closeIcon}
    </button>
  </header>`;
}

import { html, type TemplateResult } from 'lit';
import type { PreferenceFlags } from '../client/create-client.js';
import type { Category, PreferencesInput } from '../client/generated/graphql.js';
import type { Channel, Strings } from './strings.js';

const CHANNELS: [Channel, string][] = [
  ['IN_APP', 'inApp'],
  ['EMAIL', 'email'],
  ['PUSH', 'push'],
  ['SMS', 'sms'],
];
const CATEGORIES: Category[] = ['ACCOUNT', 'BILLING', 'MARKETING', 'SECURITY', 'SUPPORT', 'SYSTEM', 'VERIFICATION'];

/** The flag behind a cell: inAppEnabled for the channel row, emailBilling for EMAIL × BILLING. */
export function flagOf(channel: Channel, category: Category | 'ENABLED'): keyof PreferencesInput {
  const prefix = CHANNELS.find(([name]) => name === channel)![1];
  const suffix = category === 'ENABLED' ? 'Enabled' : category.charAt(0) + category.slice(1).toLowerCase();
  return `${prefix}${suffix}` as keyof PreferencesInput;
}

/**
 * The channel × category table of checkboxes, with each channel's master switch on top.
 * Per-template toggles (`Preferences.templates`, `setTemplatePreference`, issue 10 item 3)
 * go in a second table below this one once the schema has them.
 */
export function preferencesView(
  prefs: PreferenceFlags,
  strings: Strings,
  toggle: (flag: keyof PreferencesInput, enabled: boolean) => void,
): TemplateResult {
  const cell = (channel: Channel, category: Category | 'ENABLED', label: string) => {
    const flag = flagOf(channel, category);
    const channelOff = category !== 'ENABLED' && !prefs[flagOf(channel, 'ENABLED') as keyof PreferenceFlags];
    return html`<td>
      <input
        type="checkbox"
        part="checkbox"
        data-flag=${flag}
        aria-label=${`${strings.channels[channel]}: ${label}`}
        .checked=${Boolean(prefs[flag as keyof PreferenceFlags])}
        ?disabled=${channelOff}
        @change=${(event: Event) => toggle(flag, (event.target as HTMLInputElement).checked)}
      />
    </td>`;
  };
  return html`<div class="prefs" part="preferences">
    <table>
      <caption class="visually-hidden">
        ${strings.preferences}
      </caption>
      <thead>
        <tr>
          <th scope="col">${strings.category}</th>
          ${CHANNELS.map(([channel]) => html`<th scope="col">${strings.channels[channel]}</th>`)}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">${strings.channelsEnabled}</th>
          ${CHANNELS.map(([channel]) => cell(channel, 'ENABLED', strings.channelsEnabled))}
        </tr>
        ${CATEGORIES.map(
          (category) =>
            html`<tr>
              <th scope="row">${strings.categories[category]}</th>
              ${CHANNELS.map(([channel]) => cell(channel, category, strings.categories[category]))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

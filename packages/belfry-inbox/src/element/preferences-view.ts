import { html, nothing, type TemplateResult } from 'lit';
import type { PreferenceFlags, TemplateChoice } from '../client/create-client.js';
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

/** What the checkboxes change. */
export interface PreferenceHandlers {
  readonly toggle: (flag: keyof PreferencesInput, enabled: boolean) => void;
  readonly toggleTemplate: (templateKey: string, channel: Channel, enabled: boolean) => void;
}

/** Whether a template is on for a channel: on unless the user turned it off (Preferences.templates). */
export function templateEnabled(
  prefs: Pick<PreferenceFlags, 'templates'>,
  templateKey: string,
  channel: Channel,
): boolean {
  const choice = prefs.templates.find((entry) => entry.templateKey === templateKey && entry.channel === channel);
  return choice?.enabled ?? true;
}

/**
 * The channel × category table of checkboxes, with each channel's master switch on top, and
 * below it one row per template with a checkbox for each channel it sends on (critical
 * templates are always sent: their boxes are shown checked and disabled).
 */
export function preferencesView(
  prefs: PreferenceFlags,
  templates: TemplateChoice[],
  strings: Strings,
  { toggle, toggleTemplate }: PreferenceHandlers,
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
    ${templates.length ? templateTable(prefs, templates, strings, toggleTemplate) : ''}
  </div>`;
}

function templateTable(
  prefs: PreferenceFlags,
  templates: TemplateChoice[],
  strings: Strings,
  toggleTemplate: PreferenceHandlers['toggleTemplate'],
): TemplateResult {
  const cell = (template: TemplateChoice, channel: Channel) => {
    if (!template.channels.includes(channel)) return html`<td></td>`;
    const channelOff = !prefs[flagOf(channel, 'ENABLED') as keyof PreferenceFlags];
    return html`<td>
      <input
        type="checkbox"
        part="checkbox template-checkbox"
        data-template=${template.key}
        data-channel=${channel}
        aria-label=${`${template.name}: ${strings.channels[channel]}`}
        title=${template.critical ? strings.alwaysSent : nothing}
        .checked=${template.critical || templateEnabled(prefs, template.key, channel)}
        ?disabled=${template.critical || channelOff}
        @change=${(event: Event) => toggleTemplate(template.key, channel, (event.target as HTMLInputElement).checked)}
      />
    </td>`;
  };
  return html`<h3 class="prefs-heading" part="preferences-heading" id="templates-heading">
      ${strings.templatesHeading}
    </h3>
    <table part="template-preferences" aria-labelledby="templates-heading">
      <thead>
        <tr>
          <th scope="col">${strings.template}</th>
          ${CHANNELS.map(([channel]) => html`<th scope="col">${strings.channels[channel]}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${templates.map(
          (template) =>
            html`<tr data-template-row=${template.key}>
              <th scope="row">
                ${template.name}${
                  template.critical ? html`<span class="note" part="note">${strings.alwaysSent}</span>` : nothing
                }
              </th>
              ${CHANNELS.map(([channel]) => cell(template, channel))}
            </tr>`,
        )}
      </tbody>
    </table>`;
}

import { ConfigError, DEFAULT_INBOX_SETTINGS, type InboxSettings } from './settings.js';

/** Each inbox setting: its environment variable, its key in the config file's `inbox:` section (the seed's names), its bounds. */
const SETTINGS = {
  retentionDays: { env: 'INBOX_RETENTION_DAYS', key: 'retention_days', min: 0, max: 36_500 },
  maxPageSize: { env: 'INBOX_MAX_PAGE_SIZE', key: 'max_page_size', min: 1, max: 1_000 },
  markReadOnFetch: { env: 'INBOX_MARK_READ_ON_FETCH', key: 'mark_read_on_fetch' },
} as const;

/**
 * The inbox settings: each from its environment variable, else from the BELFRY_CONFIG file's
 * `inbox:` section (`retention_days`, `max_page_size`, `mark_read_on_fetch`, as in the seed's
 * channel model), else the default. A bad value is a ConfigError naming where it came from.
 */
export function loadInboxSettings(env: NodeJS.ProcessEnv, section: unknown, fileName = 'BELFRY_CONFIG'): InboxSettings {
  const file = fileSection(section, fileName);
  const integer = (name: 'retentionDays' | 'maxPageSize'): number => {
    const { env: variable, key, min, max } = SETTINGS[name];
    const text = env[variable]?.trim();
    const [value, source] = text ? [Number(text), variable] : [file[key], `inbox.${key} in ${fileName}`];
    if (value === undefined || value === null) return DEFAULT_INBOX_SETTINGS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(
        `${source} must be an integer from ${min} to ${max} (got ${text === undefined ? JSON.stringify(value) : `"${text}"`})`,
      );
    return value;
  };
  const { env: variable, key } = SETTINGS.markReadOnFetch;
  const text = env[variable]?.trim().toLowerCase();
  let markReadOnFetch = DEFAULT_INBOX_SETTINGS.markReadOnFetch;
  if (text) {
    if (!['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'].includes(text))
      throw new ConfigError(`${variable} must be true or false (got "${env[variable]!.trim()}")`);
    markReadOnFetch = ['1', 'true', 'yes', 'on'].includes(text);
  } else if (file[key] !== undefined && file[key] !== null) {
    if (typeof file[key] !== 'boolean')
      throw new ConfigError(`inbox.${key} in ${fileName} must be true or false (got ${JSON.stringify(file[key])})`);
    markReadOnFetch = file[key];
  }
  return { retentionDays: integer('retentionDays'), maxPageSize: integer('maxPageSize'), markReadOnFetch };
}

function fileSection(section: unknown, fileName: string): Record<string, unknown> {
  if (section === undefined || section === null) return {};
  if (typeof section !== 'object' || Array.isArray(section))
    throw new ConfigError(`inbox in ${fileName} must be a mapping (retention_days, max_page_size, mark_read_on_fetch)`);
  const known = Object.values(SETTINGS).map((setting) => setting.key as string);
  const unknown = Object.keys(section).filter((key) => !known.includes(key));
  if (unknown.length) {
    const hint = unknown.includes('store_backend') ? '; for an in-memory store set DATA_DIR=memory://' : '';
    throw new ConfigError(
      `inbox in ${fileName}: unknown keys ${unknown.join(', ')} (known: ${known.join(', ')})${hint}`,
    );
  }
  return section as Record<string, unknown>;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const folder = mkdtempSync(join(tmpdir(), 'belfry-inbox-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
function configFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('inbox settings in the BELFRY_CONFIG file (the seed channel model’s inbox: section)', () => {
  it('reads retention_days, max_page_size and mark_read_on_fetch; the environment wins', () => {
    const path = configFile(
      'belfry.yaml',
      'inbox:\n  retention_days: 30\n  max_page_size: 50\n  mark_read_on_fetch: true\n',
    );
    expect(loadConfig({ BELFRY_CONFIG: path }).inbox).toEqual({
      retentionDays: 30,
      maxPageSize: 50,
      markReadOnFetch: true,
    });
    expect(
      loadConfig({ BELFRY_CONFIG: path, INBOX_MAX_PAGE_SIZE: '20', INBOX_MARK_READ_ON_FETCH: 'false' }).inbox,
    ).toEqual({ retentionDays: 30, maxPageSize: 20, markReadOnFetch: false });
  });

  it.each([
    ['inbox:\n  max_page_size: 5000\n', /inbox\.max_page_size in .* must be an integer from 1 to 1000/],
    ['inbox:\n  retention_days: soon\n', /inbox\.retention_days in .* must be an integer from 0 to 36500/],
    ['inbox:\n  mark_read_on_fetch: sometimes\n', /inbox\.mark_read_on_fetch in .* must be true or false/],
    ['inbox:\n  store_backend: memory\n', /unknown keys store_backend .*DATA_DIR=memory:\/\//],
    ['inbox: [1]\n', /inbox in .* must be a mapping/],
  ])('explains what to fix in %j', (text, message) => {
    expect(() => loadConfig({ BELFRY_CONFIG: configFile('bad.yaml', text) })).toThrow(message);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { DatabaseConfig } from '../../src/config/settings.js';
import { startTestBelfry, type TestBelfry } from './belfry.js';
import {
  allowGraphQLFromPage,
  answersPreflight,
  AppServer,
  CHROMIUM,
  launchChromium,
  type InboxAttributes,
} from './inbox-page.js';

/** Screenshots of what a person sees, kept for a look after the run (test-results/ is not committed). */
export const SHOTS = new URL('../../test-results/screenshots/', import.meta.url);

/**
 * What the <belfry-inbox> browser tests share: Belfry on PGlite (on disk, so it can be
 * restarted on it), an app on another origin, headless Chromium, and helpers. `useInboxHarness`
 * starts them in beforeAll and stops them in afterAll; pages opened with `open` are closed
 * after each test.
 */
export interface InboxHarness {
  readonly app: AppServer;
  /** Reassigned by a test that restarts Belfry. */
  belfry: TestBelfry;
  /** The default user's token. */
  readonly token: string;
  /** Starts another Belfry on the same database (`port` 0: any free one). */
  readonly start: (port?: number) => Promise<TestBelfry>;
  /** The app page with <belfry-inbox> (default user, locale en), once the bell is there. */
  readonly open: (attributes?: Partial<InboxAttributes>, colorScheme?: 'light' | 'dark') => Promise<Page>;
  /** Sends an IN_APP item to the default user (or `extra.userId`); returns its id. */
  readonly send: (title: string, extra?: Record<string, unknown>) => Promise<string>;
  readonly badge: (page: Page) => Promise<string | null>;
  readonly item: (page: Page, title: string) => ReturnType<Page['locator']>;
  readonly liveSockets: (count: number) => Promise<void>;
  /** axe-core on the page (the component's shadow DOM included): serious and critical only. */
  readonly seriousViolations: (page: Page) => Promise<string[]>;
}

export function useInboxHarness(user: string): InboxHarness {
  let app: AppServer;
  let belfry: TestBelfry;
  let token = '';
  let browser: Browser;
  let dataDir: string;
  let database: DatabaseConfig;
  let axeSource: string;
  /** True until Belfry answers CORS preflights for /graphql itself (issue 10 item 1). */
  let corsShim = false;
  const pages: Page[] = [];

  const harness: InboxHarness = {
    get app() {
      return app;
    },
    get belfry() {
      return belfry;
    },
    set belfry(restarted) {
      belfry = restarted;
    },
    get token() {
      return token;
    },
    start: (port = 0) =>
      startTestBelfry({ database, port }, { ALLOWED_ORIGINS: harness.app.origin, LOG_LEVEL: 'warn' }),
    async open(attributes = {}, colorScheme = 'light') {
      const page = await browser.newPage({ viewport: { width: 900, height: 720 }, colorScheme });
      pages.push(page);
      page.on('pageerror', (error) => console.error('page error:', error));
      // Refused sockets while Belfry is down (the restart test) are expected; anything else is printed.
      page.on('console', (message) => {
        if (message.type() === 'error' && !/ERR_CONNECTION_REFUSED/.test(message.text()))
          console.error('console:', message.text());
      });
      if (corsShim) await allowGraphQLFromPage(page, harness.belfry.url, harness.app.origin);
      await page.goto(
        harness.app.urlFor({ server: harness.belfry.url, token: harness.token, locale: 'en', ...attributes }),
      );
      await page.locator('belfry-inbox .bell').waitFor();
      return page;
    },
    async send(title, extra = {}) {
      const result = await harness.belfry.service<{ sendNotification: { id: string } }>(
        'mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
        { input: { userId: user, title, message: `Message of ${title}`, ...extra } },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.sendNotification.id;
    },
    badge: (page) => page.locator('belfry-inbox .badge').getAttribute('data-count'),
    item: (page, title) => page.locator('belfry-inbox .item', { hasText: title }),
    liveSockets: (count) => expect.poll(() => harness.belfry.app.activeSubscriptions()).toBe(count),
    async seriousViolations(page) {
      await page.addScriptTag({ content: axeSource });
      // Test files have no DOM types: the in-page code is a string.
      const results = await page.evaluate<{
        violations: { id: string; impact: string; nodes: { target: unknown }[] }[];
      }>('axe.run(document)');
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
        );
    },
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    if (!existsSync(new URL('../../dist/web/sdk/belfry-inbox.js', import.meta.url)))
      throw new Error('dist/web/sdk is missing: run `npm run build` (npm test does it first)');
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'belfry-inbox-'));
    database = { kind: 'pglite', dataDir };
    app = await AppServer.start();
    belfry = await harness.start();
    token = await belfry.tokenFor(user);
    corsShim = !(await answersPreflight(belfry.url, app.origin));
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await belfry?.stop();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  // A failed test leaves no page (and no live subscription) behind for the next one.
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
  });

  return harness;
}

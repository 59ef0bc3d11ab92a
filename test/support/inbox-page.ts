import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium as the preamble prescribes (no sandbox, no GPU, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Attributes of the <belfry-inbox> on the app page. */
export interface InboxAttributes {
  server: string;
  token: string;
  theme?: 'light' | 'dark';
  locale?: string;
  pageSize?: number;
  badge?: 'unread' | 'unseen';
  tags?: string;
  actionTarget?: '_self' | '_blank';
}

/**
 * Another app's origin: a tiny static server on its own port whose one page loads the
 * component from Belfry's /sdk/belfry-inbox.js exactly as the README shows. The page's
 * attributes come from the query string (`?a=` JSON).
 */
export class AppServer {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<AppServer> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://app.invalid');
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === '/landed') {
        // Where the tests' action buttons lead.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="en"><title>Landed</title><h1>Landed</h1></html>');
        return;
      }
      if (url.pathname !== '/') {
        res.writeHead(404).end();
        return;
      }
      const attributes = JSON.parse(url.searchParams.get('a') ?? '{}') as InboxAttributes;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(appPage(attributes));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new AppServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  urlFor(attributes: InboxAttributes): string {
    return `${this.origin}/?a=${encodeURIComponent(JSON.stringify(attributes))}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function appPage({ server, token, theme, locale, pageSize, badge, tags, actionTarget }: InboxAttributes): string {
  const optional = [
    theme ? ` theme="${theme}"` : '',
    locale ? ` locale="${escapeAttribute(locale)}"` : '',
    pageSize ? ` page-size="${pageSize}"` : '',
    badge ? ` badge="${badge}"` : '',
    tags ? ` tags="${escapeAttribute(tags)}"` : '',
    actionTarget ? ` action-target="${actionTarget}"` : '',
  ].join('');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>An app on another origin</title>
    <script type="module" src="${escapeAttribute(server)}/sdk/belfry-inbox.js"></script>
    <style>
      body { margin: 0; font-family: system-ui, sans-serif; min-height: 700px; }
      @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } }
      header { display: flex; justify-content: space-between; align-items: center; padding: 8px 16px; border-bottom: 1px solid #8884; }
    </style>
  </head>
  <body>
    <header>
      <h1 style="font-size: 18px; margin: 0">Acme</h1>
      <belfry-inbox server="${escapeAttribute(server)}" token="${escapeAttribute(token)}"${optional}></belfry-inbox>
    </header>
    <main><p>Some app content under the inbox.</p></main>
  </body>
</html>`;
}

/**
 * Whether Belfry answers a CORS preflight for /graphql from `origin` (issue 10 item 1). Until
 * that lands, `allowGraphQLFromPage` lets the test run: it adds the CORS answer in the browser
 * (Playwright answers preflights of intercepted requests itself), everything else is real.
 */
export async function answersPreflight(belfryUrl: string, origin: string): Promise<boolean> {
  const response = await fetch(`${belfryUrl}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
  await response.arrayBuffer();
  return response.headers.get('access-control-allow-origin') === origin;
}

/** The stand-in for Belfry's CORS on /graphql, until issue 10 item 1 is merged (see answersPreflight). */
export async function allowGraphQLFromPage(page: Page, belfryUrl: string, origin: string): Promise<void> {
  await page.route(`${belfryUrl}/graphql`, async (route) => {
    let response;
    try {
      response = await route.fetch();
    } catch {
      return route.abort('connectionrefused'); // Belfry is down (the restart test)
    }
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': origin } });
  });
}

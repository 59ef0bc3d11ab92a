import { join } from 'node:path';
import express from 'express';

/**
 * Cache-Control of /sdk/ files. Their names carry no hash (apps link
 * /sdk/belfry-inbox.js), so browsers keep one 5 minutes and then revalidate it with its ETag,
 * using the stale copy meanwhile for up to a day: an upgrade reaches every page within minutes.
 */
export const SDK_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/**
 * Serves the built browser SDK (dist/web/sdk: `<belfry-inbox>` as one ES module) at /sdk/.
 * It is public code that other origins' pages load with `<script type="module">`, a CORS
 * request: every answer carries `Access-Control-Allow-Origin: *` (no credentials are ever
 * involved) and `Cross-Origin-Resource-Policy: cross-origin` in place of the same-origin
 * policy the rest of Belfry sends. Served in production too, unlike the pages.
 */
export function sdkAssets(webDir: string): express.Handler {
  return express.static(join(webDir, 'sdk'), {
    index: false,
    redirect: false,
    etag: true,
    lastModified: true,
    setHeaders(res, path) {
      if (path.endsWith('.js')) res.setHeader('content-type', 'text/javascript; charset=utf-8');
      res.setHeader('cache-control', SDK_CACHE_CONTROL);
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('cross-origin-resource-policy', 'cross-origin');
      res.setHeader('timing-allow-origin', '*');
    },
  });
}

import type { EntityManager } from '@mikro-orm/sql';
import express from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';
import { categoryToggle } from '../preferences/preference-fields.js';
import type { PreferenceService } from '../preferences/preference.service.js';
import { Channel } from '../shared/enums.js';
import { verifyUnsubscribe } from './unsubscribe-token.js';

export interface UnsubscribeRouterOptions {
  readonly em: EntityManager;
  readonly preferences: PreferenceService;
  readonly secretKey: Buffer;
  readonly logger: Logger;
}

/** Each address may load or post this many times a minute (a mail client posts once). */
const CALLS_PER_MINUTE = 60;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small page: no script (the CSP allows none inline), readable in light and dark. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
button:focus-visible{outline:2px solid #0b5cad;outline-offset:2px}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

/**
 * RFC 8058 one-click unsubscribe at /unsubscribe/<token>. POST (a mail client's one-click
 * `List-Unsubscribe=One-Click`, or the page's button) turns off the user's email for the
 * token's category, no login: the token, signed with SECRET_KEY for this purpose only, is the
 * permission. GET shows a confirmation page whose button POSTs (a link preview or a scanner
 * that fetches the URL changes nothing). A forged or altered token is a 400 page.
 */
export function unsubscribeRouter(options: UnsubscribeRouterOptions): express.Router {
  const router = express.Router();
  const limiter = new RateLimiterMemory({ points: CALLS_PER_MINUTE, duration: 60 });
  router.use(async (req, res, next) => {
    try {
      await limiter.consume(req.socket.remoteAddress ?? 'unknown');
      next();
    } catch {
      res
        .status(429)
        .set('retry-after', '60')
        .type('html')
        .send(page('Too many requests', '<p>Try again in a minute.</p>'));
    }
  });
  const invalid = (res: express.Response) =>
    res
      .status(400)
      .type('html')
      .send(
        page(
          'This link is not valid',
          '<p>The unsubscribe link is incomplete or was changed. Use the link from the email as it is.</p>',
        ),
      );

  router.get('/:token', (req, res) => {
    const grant = verifyUnsubscribe(options.secretKey, req.params.token);
    if (!grant) return void invalid(res);
    res.type('html').send(
      page(
        'Unsubscribe',
        `<p>Stop receiving ${escape(grant.category)} email?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      ),
    );
  });

  router.post('/:token', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    const grant = verifyUnsubscribe(options.secretKey, req.params.token);
    if (!grant) return void invalid(res);
    try {
      await options.preferences.update(options.em.fork(), grant.userId, {
        [categoryToggle(Channel.EMAIL, grant.category)]: false,
      });
    } catch (error) {
      options.logger.error({ err: error }, 'unsubscribe failed');
      res.status(500).type('html').send(page('Something went wrong', '<p>Please try again later.</p>'));
      return;
    }
    options.logger.info({ category: grant.category }, 'unsubscribed by one-click link');
    res
      .type('html')
      .send(page('You are unsubscribed', `<p>You will no longer receive ${escape(grant.category)} email.</p>`));
  });
  return router;
}

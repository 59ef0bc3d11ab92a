import { at } from '../shared/at.js';
import type { EntityManager } from '@mikro-orm/sql';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { assertService, assertVisibleTo, targetUserId } from '../auth/user-scope.js';
import type { EventService } from '../events/event.service.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { OperationLimiter } from '../limits/operation-limiter.js';
import type { Logger } from '../logger.js';
import type { PreferenceService } from '../preferences/preference.service.js';
import { idempotencyOf } from '../sending/send.resolver.js';
import type { SendService } from '../sending/send.service.js';
import { NotFoundError } from '../shared/errors.js';
import { parseId } from '../shared/ids.js';
import type { TemplateService } from '../templates/template.service.js';
import { restErrorHandler, type FieldNames } from './rest-errors.js';
import {
  booleanParam,
  bodyObject,
  integerParam,
  jsonObject,
  queryParam,
  requiredParam,
  sendNotificationInput,
} from './rest-inputs.js';
import { preferencesBody } from './rest-preferences.js';
import { notificationJson, preferencesJson, templateJson, toSnakeCase } from './rest-shapes.js';
import { SEED_EVENTS } from './seed-events.js';

/** What the REST routes run on: the services GraphQL uses, and the same authentication and limits. */
export interface NotificationsRestOptions {
  readonly authenticator: Authenticator;
  /** One unit of the caller's operation limit per request, as for /graphql (429 with Retry-After over it). */
  readonly limiter?: OperationLimiter;
  readonly logger: Logger;
  readonly em: EntityManager;
  readonly inbox: InboxService;
  readonly sender: SendService;
  readonly templates: TemplateService;
  readonly events: EventService;
  readonly preferences: PreferenceService;
  /**
   * Middleware run before anything else on these routes, preflights included (a CORS
   * middleware goes here; it answers OPTIONS itself).
   */
  readonly before?: readonly RequestHandler[];
}

/** `GET /api/notifications/` lists this many items unless `limit` says otherwise (the seed's default). */
const DEFAULT_LIMIT = 50;
/** Bodies above this are refused with 413, as on /graphql. */
const MAX_BODY = '1mb';

/** Authenticated request state, set by the `authenticate` middleware. */
interface Caller {
  readonly principal: Principal;
}

/**
 * The seed's REST API (`/api/notifications/…`), a migration path for apps written against
 * it: each route validates its parameters, then calls the same service the GraphQL resolver
 * calls, and answers the seed's snake_case JSON. Errors are `{ code, message, fields? }`.
 * Mount it at `/api/notifications`.
 */
export function notificationsRestApi(options: NotificationsRestOptions): express.Router {
  const { inbox, sender, templates, events, preferences } = options;
  const router = express.Router({ strict: false });
  for (const middleware of options.before ?? []) router.use(middleware);
  router.use(authenticate(options));
  router.use(express.json({ limit: MAX_BODY, type: ['application/json', 'application/*+json'] }));
  const fork = () => options.em.fork();

  router.post('/', async (req, res) => {
    const { principal } = caller(res);
    assertService(principal, 'POST /api/notifications/');
    const input = await sendNotificationInput(bodyObject(req), headerValue(req, 'idempotency-key'));
    // The same record as GraphQL's sendNotification: a retry through either API is recognised.
    const idempotency = idempotencyOf('sendNotification', input, principal);
    res.status(201).json(notificationJson(await sender.sendDirect({ ...input, idempotency })));
  });

  router.get('/', async (req, res) => {
    const userId = userIdOf(req, res);
    const limit = integerParam(req, 'limit', Math.min(DEFAULT_LIMIT, inbox.maxPageSize));
    inbox.assertPageSize(limit, 'limit');
    const unreadOnly = booleanParam(req, 'unread_only', false);
    const page = await inbox.list(fork(), userId, { unread: unreadOnly ? true : null }, limit);
    res.json(page.items.map(notificationJson));
  });

  router.get('/count', async (req, res) => {
    const userId = userIdOf(req, res);
    const unreadOnly = booleanParam(req, 'unread_only', false);
    const count = await inbox.count(fork(), userId, { unread: unreadOnly ? true : null });
    res.json({ user_id: userId, unread_only: unreadOnly, count });
  });

  router.put('/:id/read', async (req, res) => {
    const em = fork();
    const notification = await inbox.get(em, parseId(req.params.id, 'notification_id'));
    assertVisibleTo(caller(res).principal, notification.userId, 'Notification', notification.id);
    res.json(notificationJson(await inbox.markRead(em, notification, true)));
  });

  router.post('/events/:event', async (req, res) => {
    assertService(caller(res).principal, 'POST /api/notifications/events');
    const seedEvent = SEED_EVENTS.get(req.params.event);
    if (!seedEvent) throw new NotFoundError('Event', req.params.event);
    const userId = targetUserId(caller(res).principal, requiredParam(req, 'user_id'), 'user_id');
    const data = seedEvent.data(req);
    res.locals.fieldNames = seedEvent.fieldNames;
    const em = fork();
    const route = await events.resolve(em, seedEvent.event, data);
    const template = await templates.forSend(em, route.templateKey, 'event');
    const sent = await sender.sendTemplate(template, [userId], data, {
      channels: route.channels,
      event: seedEvent.event,
    });
    res.status(201).json(notificationJson(at(sent, 0, 'the sent notification')));
  });

  router.get('/templates', async (_req, res) => {
    const list = await templates.list(fork(), { activeOnly: caller(res).principal.kind === 'user' });
    res.json(list.map(templateJson));
  });

  router.post('/send-template', async (req, res) => {
    assertService(caller(res).principal, 'POST /api/notifications/send-template');
    const templateKey = requiredParam(req, 'template_key');
    const userId = targetUserId(caller(res).principal, requiredParam(req, 'user_id'), 'user_id');
    // The body, when there is one, is the template's data (the seed's FastAPI `data: dict` body).
    const data = jsonObject(bodyObject(req, {}), 'body');
    res.locals.fieldNames = ((field: string) => field.replace(/^data\./, 'body.')) satisfies FieldNames;
    const template = await templates.forSend(fork(), templateKey, 'template_key');
    const sent = await sender.sendTemplate(template, [userId], data);
    res.status(201).json(notificationJson(at(sent, 0, 'the sent notification')));
  });

  router.get('/preferences/:userId', async (req, res) => {
    const userId = targetUserId(caller(res).principal, req.params.userId, 'user_id');
    res.json(preferencesJson(await preferences.get(fork(), userId)));
  });

  router.put('/preferences/:userId', async (req, res) => {
    const userId = targetUserId(caller(res).principal, req.params.userId, 'user_id');
    const changes = preferencesBody(bodyObject(req));
    res.json(preferencesJson(await preferences.update(fork(), userId, changes)));
  });

  router.post('/cleanup', async (_req, res) => {
    assertService(caller(res).principal, 'POST /api/notifications/cleanup');
    res.json({ removed: await inbox.deleteExpired(fork()) });
  });

  router.use((req: Request, _res: Response, next: NextFunction) => {
    next(new NotFoundError('Route', `${req.method} ${req.baseUrl}${req.path}`));
  });
  router.use(restErrorHandler(options.logger));
  return router;
}

/** A header given once; undefined when absent. */
function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller the `authenticate` middleware found. */
function caller(res: Response): Caller {
  return res.locals as Caller;
}

/** `user_id`: required with an API key; a user token may leave it out or name itself. */
function userIdOf(req: Request, res: Response): string {
  return targetUserId(caller(res).principal, queryParam(req, 'user_id'), 'user_id');
}

/**
 * The one Authenticator (API key or user JWT in `Authorization`), then one unit of the
 * caller's operation limit, before the body is read: a request without valid credentials
 * costs neither a parse nor a write.
 */
function authenticate(options: NotificationsRestOptions): RequestHandler {
  return async (req, res, next) => {
    res.locals.fieldNames = toSnakeCase satisfies FieldNames;
    const principal = await options.authenticator.authenticate(req.headers.authorization);
    if (options.limiter)
      await options.limiter.consume(options.limiter.subjectOf(principal, req.headers.authorization!));
    (res.locals as { principal: Principal }).principal = principal;
    next();
  };
}

import 'reflect-metadata';
import { hkdfSync } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Authenticator } from './auth/authenticator.js';
import { fileURLToPath } from 'node:url';
import { loadOrCreateDevCredentials, signUserToken, type DevCredentials } from './auth/dev-credentials.js';
import { createTransports, type ChannelTransports } from './channels/transports.js';
import { createChannels } from './channels/channels.js';
import { ConfigError, type Config } from './config/settings.js';
import { openDatabase, type Database } from './db/orm.js';
import { DeliveryQueue } from './delivery/delivery-queue.js';
import { DeliveryResolver } from './delivery/delivery.resolver.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { DeliveryWorker } from './delivery/delivery.worker.js';
import { EventResolver } from './events/event.resolver.js';
import { EventService } from './events/event.service.js';
import { IntrospectionPolicy } from './graphql/introspection-policy.js';
import { buildBelfrySchema, type ResolverClass } from './graphql/schema.js';
import { maxCostFor } from './graphql/query-limits.js';
import { createRequestLoaders } from './graphql/request-loaders.js';
import { RequestForks } from './graphql/request-forks.js';
import { attachGraphQLWebSocket } from './live/ws-server.js';
import { createHealthServer, createHttpServer } from './http/http-server.js';
import { originPolicy } from './http/origin-policy.js';
import { InboxEvents, inboxWireCodec } from './inbox/inbox-events.js';
import { PgEventTarget } from './live/pg-event-target.js';
import { InboxResolver } from './inbox/inbox.resolver.js';
import { InboxService } from './inbox/inbox.service.js';
import { InboxStateResolver } from './inbox/inbox-state.resolver.js';
import { InboxStateService } from './inbox/inbox-state.service.js';
import { SnoozeService } from './inbox/snooze.service.js';
import { InboxRetention, RETENTION_CRON, RETENTION_JOB } from './inbox/inbox-retention.js';
import { OperationLimiter } from './limits/operation-limiter.js';
import type { Logger } from './logger.js';
import { PreferenceResolver } from './preferences/preference.resolver.js';
import { TemplatePreferenceResolver } from './preferences/template-preference.resolver.js';
import { TemplatePreferenceService } from './preferences/template-preference.service.js';
import { PreferenceService } from './preferences/preference.service.js';
import { RecipientResolver } from './recipients/recipient.resolver.js';
import { RecipientService } from './recipients/recipient.service.js';
import { notificationsRestApi } from './rest/notifications.router.js';
import { Sealer } from './secrets/sealer.js';
import { ActivityFeed } from './shared/activity.js';
import { BelfryMetrics } from './metrics/belfry-metrics.js';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics-plugin.js';
import { metricsRoute } from './metrics/metrics-route.js';
import { observeTransports } from './channels/observed-transports.js';
import { eventsOfDeliveries, ReceiptService } from './receipts/receipt.service.js';
import { DeliveryEventsResolver } from './receipts/delivery-events.resolver.js';
import { SuppressionResolver } from './suppression/suppression.resolver.js';
import { StatsResolver } from './analytics/stats.resolver.js';
import { StatsService } from './analytics/stats.service.js';
import { StatsRollup } from './analytics/stats-rollup.js';
import { SuppressionService } from './suppression/suppression.service.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service.js';
import { WebhookResolver } from './webhooks/webhook.resolver.js';
import { WEBHOOK_QUEUE, WebhookSender, type WebhookJob } from './webhooks/webhook-sender.js';
import { receiptsRouter } from './receipts/receipts.router.js';
import { unsubscribeRouter } from './unsubscribe/unsubscribe.router.js';
import { unsubscribeUrl } from './unsubscribe/unsubscribe-token.js';
import { SendResolver } from './sending/send.resolver.js';
import { SendService } from './sending/send.service.js';
import { TemplateResolver } from './templates/template.resolver.js';
import { TemplateService } from './templates/template.service.js';

/** A running Belfry: its address, and the one way to stop it. */
export interface RunningBelfry {
  readonly url: string;
  readonly database: Database;
  /** Present in development mode: the generated credentials. */
  readonly devCredentials?: DevCredentials;
  /** The delivery transports (and the log backend's outbox). */
  readonly backends: ChannelTransports;
  /** What happened to notifications and deliveries, for listeners (webhooks, metrics, analytics). */
  readonly activity: ActivityFeed;
  /** This process's Prometheus metrics (served at /metrics). */
  readonly metrics: BelfryMetrics;
  /** Folds analytics deltas into the hourly rollups (workers every 10 s; `fold()` on demand). */
  readonly statsRollup: StatsRollup;
  /** Subscriptions running on this process's WebSockets. */
  activeSubscriptions(): number;
  /** The cross-process event bus (PostgreSQL only). */
  readonly liveEvents?: PgEventTarget;
  /** Stops accepting, lets running deliveries finish (or releases them), drains HTTP and WebSockets, closes the database. */
  stop(): Promise<void>;
}

/** The user the development credentials and demo pages act as. */
export const DEMO_USER = 'demo-user';

/** Running deliveries get this long to finish on shutdown before they are released for retry. */
const DELIVERY_DRAIN_MS = 7_000;

/** The composition root: config → credentials → database → queue → services → GraphQL/HTTP and workers. */
export async function startBelfry(config: Config, logger: Logger): Promise<RunningBelfry> {
  const { apiKeys, jwt, devCredentials, secretKey } = resolveCredentials(config);
  const database = await openDatabase(config.database);
  const cleanup: (() => Promise<void>)[] = [() => database.close()];
  const stopAll = async () => {
    for (const step of cleanup.splice(0).reverse())
      await step().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    const applied = await database.migrate();
    if (applied.length) logger.info({ applied }, 'applied database migrations');
    const { em } = database;
    const templates = new TemplateService(em, logger);
    await templates.seedDefaults();

    // Before the queue, so that it closes after HTTP has drained (cleanup runs in reverse). Its pool connects lazily.
    const limiter = OperationLimiter.create(config.rateLimits, config.database, secretKey, logger);
    cleanup.push(() => limiter.close());
    const backends = createTransports(config.backends, logger, {
      production: config.production,
      allowPrivatePushEndpoints: config.pushAllowPrivateEndpoints,
      publicUrl: config.publicUrl,
    });
    cleanup.push(() => backends.close());
    // Workers run the scheduler (the retention job); API-only processes need none.
    const queue = await DeliveryQueue.start(await database.queueConnection(), config.queue, logger, {
      scheduling: config.role !== 'api',
    });
    const drainQueue = () => queue.stop(DELIVERY_DRAIN_MS);
    cleanup.push(drainQueue);

    const sealer = new Sealer(secretKey);
    // Its own key, derived from SECRET_KEY: the sealing key is never reused as an HMAC key.
    const unsubscribeKey = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'belfry-unsubscribe-links', 32));
    if (!config.publicUrl && config.role !== 'worker')
      logger.warn('PUBLIC_URL is not set: marketing email carries no one-click unsubscribe link (List-Unsubscribe)');
    const suppressions = new SuppressionService();
    // What happened to notifications and deliveries, told after commit to whoever listens.
    const activity = new ActivityFeed((error, activities) =>
      logger.error({ err: error, activities: activities.length }, 'an activity listener failed'),
    );
    const metrics = new BelfryMetrics();
    activity.listen(metrics.countActivities);
    // Outbound webhooks: every process queues the events it sees; workers send them.
    const webhookEndpoints = new WebhookEndpointService(em, sealer, {
      allowPrivateTargets: config.webhooks.allowPrivateTargets,
      production: config.production,
    });
    const webhookQueue = await queue.namedQueue<WebhookJob>(WEBHOOK_QUEUE, {
      retryLimit: config.webhooks.retryLimit,
      retryDelaySeconds: config.webhooks.retryBaseSeconds,
      retryDelayMaxSeconds: 4 * 3600,
      expireInSeconds: 60,
    });
    activity.listen(new WebhookDispatcher(webhookEndpoints, webhookQueue).listen);
    metrics.readFrom({ queueBacklog: () => queue.backlog() });
    const metricsEndpoint = {
      route: metricsRoute(metrics, config.metricsToken),
      plugin: graphqlMetricsPlugin(metrics),
      refused: metrics.countRefusedRequest,
    };
    // With PostgreSQL, live events reach subscribers on every process; embedded, one process has them all.
    let eventTarget: PgEventTarget | undefined;
    if (config.database.kind === 'postgres') {
      eventTarget = new PgEventTarget(
        config.database.url,
        (sql, params) => em.getConnection().execute(sql, params),
        inboxWireCodec(em),
        logger,
      );
      eventTarget.onReconnected(metrics.countListenReconnect);
      await eventTarget.start();
      const target = eventTarget;
      cleanup.push(() => target.close());
    }
    const inboxEvents = new InboxEvents(eventTarget);
    const inbox = new InboxService(em, inboxEvents, logger, config.inbox, activity);
    eventTarget?.onReconnected(() => void inbox.refreshWatchedUnreadCounts());
    const snoozes = new SnoozeService(em, inbox, queue, logger);
    // Analytics: triggers write deltas in every process; workers fold them into the hourly rollups.
    const statsRollup = new StatsRollup(em, logger);
    if (config.role !== 'api') {
      const worker = new DeliveryWorker(
        em,
        createChannels(observeTransports(backends, metrics.observeProviderCall), config.failover),
        sealer,
        inbox,
        activity,
        suppressions,
        logger,
      );
      await queue.work((channel, attempt) => worker.process(channel, attempt));
      await queue.workWakes((job) => snoozes.wake(job));
      const webhookSender = new WebhookSender(
        em,
        webhookEndpoints,
        {
          allowPrivateTargets: config.webhooks.allowPrivateTargets,
          countAttempt: (outcome) => metrics.countWebhookAttempt(outcome),
        },
        logger,
      );
      await webhookQueue.work((job, run) => webhookSender.send(job, run.attempt));
      statsRollup.start();
      cleanup.push(() => statsRollup.stop());
      const retention = new InboxRetention(em, config.inbox, logger);
      await queue.recurring(RETENTION_JOB, RETENTION_CRON, async () => {
        await retention.run();
      });
    }

    let server: Server;
    let activeSubscriptions = () => 0;
    if (config.role === 'worker') {
      server = createHealthServer(() => database.isReachable(), metricsEndpoint);
      cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    } else {
      const events = new EventService(templates);
      const deliveries = new DeliveryService(em, queue);
      const loaders = () =>
        createRequestLoaders({
          deliveriesOfNotifications: (ids) => deliveries.deliveriesOfNotifications(ids),
          eventsOfDeliveries: (ids) => eventsOfDeliveries(em, ids),
        });
      const forks = new RequestForks(em);
      const sender = new SendService(em, inbox, queue, sealer, activity, (userId, category) =>
        unsubscribeUrl(config.publicUrl, unsubscribeKey, { userId, category }),
      );
      const preferences = new PreferenceService();
      const resolvers = new Map<ResolverClass, object>([
        [InboxResolver, new InboxResolver(inbox, forks)],
        [InboxStateResolver, new InboxStateResolver(inbox, new InboxStateService(inbox), snoozes, forks)],
        [SendResolver, new SendResolver(sender, templates, events, forks)],
        [TemplateResolver, new TemplateResolver(templates, forks)],
        [EventResolver, new EventResolver(events, forks)],
        [PreferenceResolver, new PreferenceResolver(preferences, forks)],
        [
          TemplatePreferenceResolver,
          new TemplatePreferenceResolver(preferences, new TemplatePreferenceService(), forks),
        ],
        [
          RecipientResolver,
          new RecipientResolver(
            new RecipientService({ allowPrivatePushEndpoints: config.pushAllowPrivateEndpoints }),
            forks,
          ),
        ],
        [DeliveryResolver, new DeliveryResolver(deliveries, inbox, forks)],
        [DeliveryEventsResolver, new DeliveryEventsResolver()],
        [SuppressionResolver, new SuppressionResolver(suppressions, forks)],
        [StatsResolver, new StatsResolver(new StatsService(), forks)],
        [WebhookResolver, new WebhookResolver(webhookEndpoints, webhookQueue, forks)],
      ]);
      const schema = await buildBelfrySchema(resolvers, inboxEvents);
      const maxCost = maxCostFor(config.inbox.maxPageSize);
      const authenticator = new Authenticator(apiKeys, jwt);
      const introspection = new IntrospectionPolicy({
        production: config.production,
        apiKeysMayIntrospect: config.graphqlIntrospection ?? false,
      });
      let closeSockets = async () => {};
      const http = await createHttpServer({
        schema,
        authenticator,
        logger,
        isReady: () => database.isReachable(),
        limiter,
        maxCost,
        // The seed's REST routes, on the same services, credentials and limits as GraphQL.
        restApi: notificationsRestApi({
          authenticator,
          limiter,
          logger,
          em,
          inbox,
          sender,
          templates,
          events,
          preferences,
        }),
        onDrain: () => closeSockets(),
        unsubscribeApi: unsubscribeRouter({ em, preferences, secretKey: unsubscribeKey, logger }),
        receiptsApi: receiptsRouter({
          backends: config.backends,
          publicUrl: config.publicUrl,
          receipts: new ReceiptService(em, activity, suppressions, logger),
          logger,
        }),
        metrics: metricsEndpoint,
        loaders,
        introspection,
        origins: originPolicy(config.websocket.allowedOrigins, config.production),
        pages: config.enablePages ?? !config.production,
        // dist/web, whether this module runs from dist/ or (in tests) from src/.
        webDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
        // Development only: the pages start signed in (GraphiQL as the service, the bell as demo-user).
        pageConfig: devCredentials
          ? {
              apiKey: devCredentials.apiKey,
              userId: DEMO_USER,
              userToken: await signUserToken(devCredentials.jwtSecret, DEMO_USER),
            }
          : {},
      });
      const ws = attachGraphQLWebSocket({
        server: http.server,
        schema,
        authenticator,
        introspection,
        logger,
        limits: config.websocket,
        loaders,
        limiter,
        maxCost,
      });
      closeSockets = () => ws.close();
      activeSubscriptions = () => ws.activeSubscriptions();
      metrics.readFrom({ openSockets: () => ws.openSockets(), activeSubscriptions });
      server = http.server;
      // HTTP and the queue drain side by side, to stay within the 10 s shutdown deadline.
      cleanup[cleanup.indexOf(drainQueue)] = async () => {
        await Promise.all([http.apollo.stop(), drainQueue()]);
      };
    }

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return {
      url: `http://${host}:${port}`,
      database,
      devCredentials,
      backends,
      activity,
      metrics,
      statsRollup,
      activeSubscriptions,
      liveEvents: eventTarget,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Configured credentials, or in development ones generated once and kept in DATA_DIR. */
function resolveCredentials(config: Config) {
  const configured = config.apiKeys.length > 0 || config.jwt.secret || config.jwt.publicKey || config.jwt.jwksUrl;
  if (config.production && (!configured || !config.secretKey)) {
    throw new ConfigError(
      'NODE_ENV=production needs API_KEYS, one of JWT_SECRET / JWT_PUBLIC_KEY / JWT_JWKS_URL, and SECRET_KEY',
    );
  }
  const generated = configured && config.secretKey ? undefined : loadOrCreateDevCredentials(config.dataDir);
  const secretKey = config.secretKey ?? Buffer.from(generated!.secretKey, 'hex');
  if (configured) return { apiKeys: config.apiKeys, jwt: config.jwt, devCredentials: undefined, secretKey };
  return { apiKeys: [generated!.apiKey], jwt: { secret: generated!.jwtSecret }, devCredentials: generated, secretKey };
}

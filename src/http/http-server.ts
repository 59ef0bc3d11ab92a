import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/authenticator.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatErrorForClient } from '../graphql/format-error.js';
import type { IntrospectionPolicy } from '../graphql/introspection-policy.js';
import { PARSE_OPTIONS, queryLimitRules } from '../graphql/query-limits.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';
import { serviceUnavailableStatus } from '../graphql/service-unavailable-status.js';
import { cors, isCorsRoute } from './cors.js';
import { graphqlHandler } from './graphql-handler.js';
import type { OperationLimiter } from '../limits/operation-limiter.js';
import { pageConfigScript } from './page-config.js';
import { pageSizeCostPlugin } from './page-size-cost-plugin.js';
import type { OriginPolicy } from './origin-policy.js';
import { sdkAssets } from './sdk-assets.js';
import { securityHeaders } from './security-headers.js';
import type { Logger } from '../logger.js';

export interface HttpServerOptions {
  schema: GraphQLSchema;
  authenticator: Authenticator;
  logger: Logger;
  /** Resolves true when the database answers; backs /readyz. */
  isReady(): Promise<boolean>;
  /** Runs while Apollo drains, after the HTTP server stops accepting: close WebSockets here. */
  onDrain(): Promise<void>;
  /** Who may introspect the schema and see "Did you mean" suggestions. */
  introspection: IntrospectionPolicy;
  /** Serve the pages (and /config.js); otherwise they answer 404. */
  pages: boolean;
  /** The built browser pages (the demo bell at /, GraphiQL at /graphiql/) and the SDK (sdk/, served even when pages are off). */
  webDir: string;
  /** What the pages read from /config.js: in development, credentials to start with. */
  pageConfig: Record<string, unknown>;
  /** Fresh batching loaders for each request (see RequestLoaders). */
  loaders(): RequestLoaders;
  /** Counts every /graphql request against the caller's operation limit (429 over it). */
  limiter?: OperationLimiter;
  /** Which browser origins may call the API routes (CORS, see cors.ts); from ALLOWED_ORIGINS. */
  origins: OriginPolicy;
  /** The query cost limit (see maxCostFor); MAX_COST when absent. */
  maxCost?: number;
  /** The seed's REST API (rest/notifications.router.ts), served at /api/notifications. */
  restApi?: express.Router;
  /** RFC 8058 one-click unsubscribe pages (unsubscribe/unsubscribe.router.ts), served at /unsubscribe. */
  unsubscribeApi?: express.Router;
  /** Provider receipts (receipts/receipts.router.ts), served at /webhooks. */
  receiptsApi?: express.Router;
  /** GET /metrics (see metrics/metrics-route.ts) and the plugin that times GraphQL operations. */
  metrics?: MetricsEndpoint;
}

/** What serves /metrics on a server, and what feeds it from Apollo. */
export interface MetricsEndpoint {
  readonly route: (req: IncomingMessage, res: ServerResponse) => void;
  readonly plugin?: ApolloServerPlugin;
  /** A /graphql request refused before any operation ran (bad credentials, rate limit), by error code. */
  readonly refused?: (code: string) => void;
}

/**
 * Headers whose presence makes a GET count as preflighted for Apollo's CSRF prevention:
 * Apollo's recommended two, and `Authorization`, which is not CORS-safelisted either, so a
 * browser only sends it cross-origin after a preflight our CORS policy answered. Clients
 * that authenticate (all of Belfry's) can then use GET queries with no extra header, as
 * urql does by default.
 */
const CSRF_PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'];

export interface BelfryHttpServer {
  readonly server: Server;
  readonly apollo: ApolloServer<GraphQLContext>;
}

/** A worker process's HTTP server: /healthz, /readyz and (when given) /metrics. */
export function createHealthServer(isReady: () => Promise<boolean>, metrics?: MetricsEndpoint): Server {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  addHealthRoutes(app, isReady);
  if (metrics) app.get('/metrics', metrics.route);
  app.use(notFound);
  return createServer(app);
}

function addHealthRoutes(app: express.Express, isReady: () => Promise<boolean>): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });
}

/** Our own 404: Express's default one replaces the security headers' CSP with its own, which lacks frame-ancestors. */
function notFound(_req: express.Request, res: express.Response): void {
  res.status(404).type('text/plain').send('Not found\n');
}

/** The HTTP server: POST/GET /graphql (Apollo, see graphqlHandler, with CORS), /healthz, /readyz and the pages. Call `apollo.stop()` to drain it. */
export async function createHttpServer(options: HttpServerOptions): Promise<BelfryHttpServer> {
  const { authenticator, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // Set once Apollo has started; Apollo needs this server first (its drain plugin). Read by the request
  // handler before then, so it cannot be a const declared after Apollo starts.
  // eslint-disable-next-line prefer-const
  let serveGraphQL: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const headers = securityHeaders();
  const corsHeaders = cors(options.origins);
  const server = createServer((req, res) =>
    headers(req, res, () => {
      const path = req.url?.split('?', 1)[0];
      // A preflight is answered here; any other request goes on with its CORS headers set.
      if (isCorsRoute(path) && corsHeaders(req, res)) return;
      if (serveGraphQL && (path === '/graphql' || path === '/graphql/')) {
        serveGraphQL(req, res).catch((error: unknown) => {
          logger.error({ err: error }, 'graphql request failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: 'Internal error' }] }));
        });
      } else {
        app(req, res);
      }
    }),
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    csrfPrevention: { requestHeaders: CSRF_PREFLIGHT_HEADERS },
    // main.ts owns signal handling and the shutdown order.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The same limits as graphql-ws (document-cache.ts): tokens while parsing, the rest while validating.
    parseOptions: PARSE_OPTIONS,
    validationRules: [...queryLimitRules(options.maxCost)],
    formatError: (_formatted, error) =>
      formatErrorForClient(
        error instanceof GraphQLError ? error : new GraphQLError('Internal error', { originalError: error as Error }),
        logger,
      ),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      serviceUnavailableStatus(),
      pageSizeCostPlugin(options.maxCost),
      ...(options.metrics?.plugin ? [options.metrics.plugin] : []),
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 5_000 }),
      {
        async serverWillStart() {
          return { drainServer: () => options.onDrain() };
        },
      },
      options.introspection.apolloPlugin(),
    ],
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  await apollo.start();

  addHealthRoutes(app, () => options.isReady());
  if (options.metrics) app.get('/metrics', options.metrics.route);
  app.use('/sdk', sdkAssets(options.webDir));
  if (options.restApi) app.use('/api/notifications', options.restApi);
  if (options.receiptsApi) app.use('/webhooks', options.receiptsApi);
  if (options.unsubscribeApi) app.use('/unsubscribe', options.unsubscribeApi);
  if (options.pages) {
    app.get('/config.js', pageConfigScript(options.pageConfig));
    app.use(
      express.static(options.webDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('cache-control', 'no-cache'),
      }),
    );
  }
  app.use(notFound);
  serveGraphQL = graphqlHandler(apollo, async (req): Promise<GraphQLContext & BaseContext> => {
    try {
      const principal = await authenticator.authenticate(req.headers.authorization);
      // One unit per request, after authentication: a request without valid credentials costs no write.
      if (options.limiter)
        await options.limiter.consume(options.limiter.subjectOf(principal, req.headers.authorization!));
      return { principal, loaders: options.loaders() };
    } catch (error) {
      // Apollo's plugins never see these requests: count them here.
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      options.metrics?.refused?.(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
      throw error;
    }
  });
  return { server, apollo };
}

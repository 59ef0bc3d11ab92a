import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/authenticator.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatErrorForClient } from '../graphql/format-error.js';
import { queryLimitsRule } from '../graphql/query-limits.js';
import { graphqlHandler } from './graphql-handler.js';
import type { OperationLimiter } from '../limits/operation-limiter.js';
import type { Logger } from '../logger.js';

export interface HttpServerOptions {
  schema: GraphQLSchema;
  authenticator: Authenticator;
  logger: Logger;
  /** Resolves true when the database answers; backs /readyz. */
  isReady(): Promise<boolean>;
  /** Runs while Apollo drains, after the HTTP server stops accepting: close WebSockets here. */
  onDrain(): Promise<void>;
  /** The built browser pages (the demo bell at /, GraphiQL at /graphiql/). */
  webDir: string;
  /** What the pages read from /config.js: in development, credentials to start with. */
  pageConfig: Record<string, unknown>;
  /** Counts every /graphql request against the caller's operation limit (429 over it). */
  limiter?: OperationLimiter;
}

export interface BelfryHttpServer {
  readonly server: Server;
  readonly apollo: ApolloServer<GraphQLContext>;
}

/** A worker process's HTTP server: /healthz and /readyz only. */
export function createHealthServer(isReady: () => Promise<boolean>): Server {
  const app = express();
  app.disable('x-powered-by');
  addHealthRoutes(app, isReady);
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

/** The HTTP server: POST/GET /graphql (Apollo, see graphqlHandler), /healthz, /readyz and the pages. Call `apollo.stop()` to drain it. */
export async function createHttpServer(options: HttpServerOptions): Promise<BelfryHttpServer> {
  const { authenticator, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // Set once Apollo has started; Apollo needs this server first (its drain plugin).
  let serveGraphQL: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    const path = req.url?.split('?', 1)[0];
    if (serveGraphQL && (path === '/graphql' || path === '/graphql/')) {
      serveGraphQL(req, res).catch((error: unknown) => {
        logger.error({ err: error }, 'graphql request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal error' }] }));
      });
    } else {
      app(req, res);
    }
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    csrfPrevention: true,
    // main.ts owns signal handling and the shutdown order.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [queryLimitsRule],
    formatError: (_formatted, error) => formatErrorForClient(error instanceof GraphQLError ? error : new GraphQLError('Internal error', { originalError: error as Error }), logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 5_000 }),
      { async serverWillStart() { return { drainServer: options.onDrain }; } },
    ],
    logger: { debug: (m) => logger.debug(m), info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();

  addHealthRoutes(app, options.isReady);
  const pageConfig = `window.BELFRY = ${JSON.stringify(options.pageConfig).replace(/</g, '\\u003c')};\n`;
  app.get('/config.js', (req, res) => {
    // Development credentials go only to a browser on this machine, never across the network.
    const local = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    res.type('application/javascript').set('cache-control', 'no-store').send(local ? pageConfig : 'window.BELFRY = {};\n');
  });
  app.use(express.static(options.webDir, { index: 'index.html', maxAge: '1h', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('cache-control', 'no-cache') }));
  serveGraphQL = graphqlHandler(apollo, async (req): Promise<GraphQLContext & BaseContext> => {
    const principal = await authenticator.authenticate(req.headers.authorization);
    // One unit per request, after authentication: a request without valid credentials costs no write.
    if (options.limiter) await options.limiter.consume(options.limiter.subjectOf(principal, req.headers.authorization!));
    return { principal };
  });
  return { server, apollo };
}

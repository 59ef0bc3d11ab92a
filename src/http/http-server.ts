import { createServer, type Server } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/authenticator.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatErrorForClient } from '../graphql/format-error.js';
import { queryLimitsRule } from '../graphql/query-limits.js';
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

/** The HTTP server: POST/GET /graphql (Apollo), /healthz and /readyz. Call `apollo.stop()` to drain it. */
export async function createHttpServer(options: HttpServerOptions): Promise<BelfryHttpServer> {
  const { authenticator, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);

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
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext & BaseContext> => ({
        principal: await authenticator.authenticate(req.headers.authorization),
      }),
    }),
  );
  return { server, apollo };
}

import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { OperationLimiter, RateLimitSubject } from '../limits/operation-limiter.js';
import { SocketCap } from '../limits/socket-cap.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from '../shared/errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatErrorForClient } from '../graphql/format-error.js';
import { DocumentCache } from './document-cache.js';
import { pageSizeCostErrors } from '../graphql/page-size-cost.js';
import { queryLimitRules } from '../graphql/query-limits.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';
import type { IntrospectionPolicy } from '../graphql/introspection-policy.js';
import { sharedSubscribe } from './shared-subscribe.js';
import { serveGraphQLWs } from './ws-transport.js';
import type { WebSocketLimits } from '../config/settings.js';
import { originPolicy } from '../http/origin-policy.js';

type SocketState = {
  principal?: Principal;
  /** Whose rate limit this socket's operations count against. */
  limitSubject?: RateLimitSubject;
  /** Closes the socket when the user token expires. */
  expiryTimer?: NodeJS.Timeout;
};

export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = {
  connectionInitTimeoutMs: 5_000,
  maxSubscriptionsPerConnection: 20,
  keepAliveMs: 30_000,
};

export interface GraphQLWebSocketServer {
  /** Subscriptions currently running on this process's sockets. */
  activeSubscriptions(): number;
  /** Open WebSockets on this process (signed in or not yet). */
  openSockets(): number;
  /** Closes every socket (1001 Going Away) and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * graphql-ws on the HTTP server's `/graphql`. Credentials come in `connectionParams`
 * (`{ Authorization: "ApiKey …" | "Bearer …" }`) and are checked at connection_init:
 * missing or invalid ones close the socket with 4401 and the reason.
 */
export function attachGraphQLWebSocket(options: {
  server: Server;
  schema: GraphQLSchema;
  authenticator: Authenticator;
  /** Who may introspect and see suggestions; everyone when omitted. */
  introspection?: IntrospectionPolicy;
  logger: Logger;
  limits?: WebSocketLimits;
  /** Fresh batching loaders for each subscription (see RequestLoaders). */
  loaders: () => RequestLoaders;
  /** Counts every subscribe message against the caller's operation limit. */
  limiter?: OperationLimiter;
  /** The query cost limit (see maxCostFor); MAX_COST when absent. */
  maxCost?: number;
}): GraphQLWebSocketServer {
  const { authenticator, logger } = options;
  const limits = options.limits ?? DEFAULT_WEBSOCKET_LIMITS;
  const socketCap = new SocketCap(limits.maxConnectionsPerIp ?? 0);
  // Unset ALLOWED_ORIGINS lets every socket in (as before HTTP CORS existed); set, the same list (or `*`) as HTTP.
  const origins = limits.allowedOrigins?.length ? originPolicy(limits.allowedOrigins, true) : undefined;
  const socketOptions = {
    server: options.server,
    path: '/graphql',
    maxPayload: 64 * 1024,
    verifyClient: (
      { origin, req }: { origin?: string; req: IncomingMessage },
      callback: (ok: boolean, code?: number, message?: string) => void,
    ) => {
      // Browsers always send Origin; a client without one (a native app, a server) is no cross-site page.
      if (origins && origin !== undefined && !origins.allows(origin)) return callback(false, 403, 'Origin not allowed');
      // Refused before the upgrade, so a flood of sockets never gets as far as a graphql-ws context.
      if (!socketCap.admit(req.socket)) return callback(false, 429, 'Too many open connections from this address');
      callback(true);
    },
  };
  const connections = new Set<{ subscriptions: Record<string, unknown> }>();
  const documents = new DocumentCache(options.schema, undefined, queryLimitRules(options.maxCost));
  const format = (errors: readonly GraphQLError[], principal: Principal | undefined) => {
    const formatted = errors.map((error) => formatErrorForClient(error, logger));
    return principal && options.introspection ? options.introspection.redact(principal, formatted) : formatted;
  };

  const wss = serveGraphQLWs<SocketState>(
    socketOptions,
    {
      schema: options.schema,
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      subscribe: sharedSubscribe,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const authorization = params.Authorization ?? params.authorization;
        try {
          const principal = await authenticator.authenticate(
            typeof authorization === 'string' ? authorization : undefined,
          );
          ctx.extra.principal = principal;
          ctx.extra.limitSubject = options.limiter?.subjectOf(principal, authorization as string);
          if (principal.kind === 'user' && principal.expiresAt) {
            // setTimeout overflows past ~24.8 days; a token living that long is re-checked then.
            const ms = Math.min(principal.expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
            ctx.extra.expiryTimer = setTimeout(
              () => ctx.extra.socket.close(CloseCode.Unauthorized, 'The user token has expired'),
              Math.max(ms, 0),
            );
          }
          connections.add(ctx);
          return true;
        } catch (error) {
          const reason = error instanceof GraphQLError ? error.message : 'Unauthorized';
          // Close reasons are limited to 123 bytes by the WebSocket protocol.
          ctx.extra.socket.close(CloseCode.Unauthorized, reason.slice(0, 120));
          return false;
        }
      },
      async onSubscribe(ctx, _id, payload) {
        // The subscription being set up is already listed.
        const running = Object.keys(ctx.subscriptions).length;
        if (running > limits.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `Too many subscriptions on this connection: at most ${limits.maxSubscriptionsPerConnection}`,
              { extensions: { code: 'BAD_USER_INPUT' } },
            ),
          ];
        }
        try {
          if (options.limiter && ctx.extra.limitSubject) await options.limiter.consume(ctx.extra.limitSubject);
        } catch (error) {
          // The socket stays open: the client may subscribe again once the window has passed.
          if (error instanceof RateLimitedError) return [error];
          throw error;
        }
        const document = documents.get(payload.query);
        if (!('kind' in document)) return [...document];
        const refused = options.introspection?.refusal(ctx.extra.principal!, document);
        if (refused) return [refused];
        const costErrors = pageSizeCostErrors(
          options.schema,
          document,
          payload.variables ?? undefined,
          payload.operationName,
          options.maxCost,
        );
        if (costErrors.length) return [...costErrors];
        const context: GraphQLContext = { principal: ctx.extra.principal!, loaders: options.loaders() };
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: context,
        };
      },
      onClose(ctx) {
        clearTimeout(ctx.extra.expiryTimer);
        connections.delete(ctx);
      },
      onNext(ctx, _id, _payload, _args, result) {
        if ('errors' in result && result.errors?.length) {
          return { ...result, errors: format(result.errors, ctx.extra.principal) };
        }
        return undefined;
      },
      onError(ctx, _id, _payload, errors) {
        return format(errors, ctx.extra.principal);
      },
    },
    () => ({}),
    logger,
  );

  // ws re-emits the HTTP server's errors here (a port in use, say); whoever listens handles them on the server.
  wss.on('error', (error) => logger.debug({ err: error }, 'HTTP server error seen by the WebSocket server'));
  // Protocol pings: a peer that vanished without closing (a sleeping laptop, a dropped NAT) is cut.
  const alive = new WeakMap<object, boolean>();
  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const pinger = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.get(socket)) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, limits.keepAliveMs);
  pinger.unref();

  return {
    activeSubscriptions() {
      let count = 0;
      for (const connection of connections) count += Object.values(connection.subscriptions).filter(Boolean).length;
      return count;
    },
    openSockets() {
      return wss.clients.size;
    },
    async close() {
      clearInterval(pinger);
      for (const socket of wss.clients) socket.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

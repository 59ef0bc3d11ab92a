import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';

/** What graphql-ws hands hooks as `ctx.extra`: the socket and its upgrade request, plus Belfry's own state. */
export type SocketExtra<State> = { readonly socket: WebSocket; readonly request: IncomingMessage } & State;

/**
 * Runs the graphql-ws protocol (`makeServer`, the library's transport-neutral core) on a
 * `ws` server. It does what graphql-ws's own `useServer` does, minus two per-socket costs
 * that matter with tens of thousands of sockets: the keep-alive timer of every socket
 * (ws-server.ts pings all sockets from one interval instead) and a Promise plus write
 * callback for every frame sent.
 */
export function serveGraphQLWs<State extends Record<string, unknown>>(
  wss: WebSocketServer,
  options: ServerOptions<Record<string, unknown> | undefined, SocketExtra<State>>,
  initialState: () => State,
  logger: Logger,
): void {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      logger.warn({ err: error }, 'WebSocket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          // A frame for a socket that is closing is dropped: the client reconnects and catches up.
          if (socket.readyState === socket.OPEN) socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request, ...initialState() } as SocketExtra<State>,
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });
}

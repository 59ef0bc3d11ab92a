import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { WebSocketServer, type ServerOptions as WebSocketServerOptions, type WebSocket } from 'ws';
import type { Logger } from '../logger.js';

/**
 * What graphql-ws hands hooks as `ctx.extra`: the socket, plus Belfry's own state. Not the
 * upgrade request, which `useServer` keeps: nothing reads it after the upgrade, and holding
 * it (headers, raw headers, stream state) for the life of every idle socket is memory M5 counts.
 */
export type SocketExtra<State> = { readonly socket: WebSocket } & State;

/**
 * Unsent bytes a socket may hold before the next frame waits for `ws`'s write callback.
 * Below it a frame is handed over without a Promise (most frames, most sockets); above it
 * the sender waits, so a consumer that stops reading stops the subscription's loop, its
 * events queue in the pub/sub and the pub/sub's per-subscription cap ends it.
 */
export const SOCKET_HIGH_WATER_MARK = 64 * 1024;

/**
 * Runs the graphql-ws protocol (`makeServer`, the library's transport-neutral core) on a
 * `ws` server that it builds, with graphql-ws's subprotocol negotiation. It does what
 * graphql-ws's own `useServer` does, minus two per-socket costs that matter with tens of
 * thousands of sockets: the keep-alive timer of every socket (ws-server.ts pings all
 * sockets from one interval instead) and a Promise for every frame of a socket that keeps
 * up. Like `useServer`, `send` resolves on the write callback once the socket is behind
 * ({@link SOCKET_HIGH_WATER_MARK}): that is the backpressure a slow consumer exerts.
 */
export function serveGraphQLWs<State extends Record<string, unknown>>(
  socketOptions: Omit<WebSocketServerOptions, 'handleProtocols'>,
  options: ServerOptions<Record<string, unknown> | undefined, SocketExtra<State>>,
  initialState: () => State,
  logger: Logger,
): WebSocketServer {
  const wss = new WebSocketServer({ ...socketOptions, handleProtocols });
  const server = makeServer(options);
  wss.on('connection', (socket) => {
    socket.once('error', (error) => {
      logger.warn({ err: error }, 'WebSocket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          // A frame for a socket that is closing is dropped: the client reconnects and catches up.
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount < SOCKET_HIGH_WATER_MARK) return socket.send(data);
          // A failed write means the socket is going away; its 'close' ends the subscriptions.
          return new Promise<void>((resolve) => socket.send(data, () => resolve()));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            // A Buffer (ws's default binaryType), whose String() is its UTF-8 text, as in graphql-ws's useServer.
            // eslint-disable-next-line @typescript-eslint/no-base-to-string
            handle(String(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, ...initialState() },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });
  return wss;
}

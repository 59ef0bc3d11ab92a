import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Certificate } from './tls.js';

/** A scripted reply: a status and a JSON body, optionally held back until `release` resolves. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly release?: Promise<void>;
  /** Called when this reply is chosen for a request (before `release` is awaited). */
  readonly arrived?: () => void;
  /** Called when the client goes away before this reply is written (an aborted request). */
  readonly abandoned?: () => void;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly at: number;
}

/**
 * The plumbing every fake provider shares: a local HTTP(S) server that records requests,
 * hands each to the provider-specific `handle`, and waits for them with promises.
 */
export class HttpFake {
  readonly requests: ReceivedRequest[] = [];
  /** TCP connections accepted so far, whether or not a request followed. */
  connections = 0;
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly handle: (request: ReceivedRequest) => Promise<Reply> | Reply) {}

  async start(tls?: Certificate): Promise<this> {
    const listener = (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res);
    this.server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createServer(listener);
    this.server.on('connection', () => {
      this.connections++;
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once `count` requests in all have arrived. */
  untilRequests(count: number, timeoutMs = 15_000): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.requests.length} of ${count} requests arrived in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: req.method!,
      path: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks),
      at: Date.now(),
    };
    this.requests.push(request);
    for (const waiter of this.waiters.filter((candidate) => this.requests.length >= candidate.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    let reply: Reply;
    try {
      reply = await this.handle(request);
    } catch (error) {
      reply = { status: 500, body: { message: String(error) } };
    }
    const { abandoned } = reply;
    if (abandoned)
      res.on('close', () => {
        if (!res.writableFinished) abandoned();
      });
    reply.arrived?.();
    if (reply.release) await reply.release;
    if (res.destroyed) return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

/** Parses an HTTP Basic Authorization header. */
export function basicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const [, encoded] = /^Basic (.+)$/.exec(header ?? '') ?? [];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Bodies above this are refused with 413 before they are parsed. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Serves /graphql straight from Node's request, through Apollo's integration API
 * (`executeHTTPGraphQLRequest`, what every Apollo integration wraps). Sends are the hottest
 * requests Belfry takes, and Express's router and body parser cost more than the rest of the
 * HTTP layer together; everything else still goes through Express.
 */
export function graphqlHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  context: (req: IncomingMessage) => Promise<Context>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      const { status = 400, message } = error as BodyError;
      res
        .writeHead(status, { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) })
        .end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: query >= 0 ? url.slice(query) : '',
        body,
      },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) {
      // Keep the Vary the CORS headers set (Origin) next to Apollo's (Accept).
      const vary = key === 'vary' ? res.getHeader('vary') : undefined;
      res.setHeader(key, vary === undefined ? value : `${String(vary)}, ${value}`);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

interface BodyError extends Error {
  status?: number;
}

function bodyError(status: number, message: string): BodyError {
  return Object.assign(new Error(message), { status });
}

/**
 * The parsed JSON body of a POST with a JSON content type; undefined otherwise (Apollo
 * then answers GETs from the query string, and its CSRF check refuses the rest).
 */
async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST' || !/^application\/(.+\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return undefined;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    throw bodyError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  }
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const received: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void received.push(chunk);
      // Stop reading; the 413 goes out with Connection: close, so the rest is never read.
      req.removeAllListeners('data');
      req.pause();
      reject(bodyError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
    });
    req.on('end', () => resolve(received));
    req.on('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch (error) {
    throw bodyError(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

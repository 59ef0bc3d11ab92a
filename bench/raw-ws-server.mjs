// The floor for the live benchmarks: a bare `ws` server, no GraphQL, no database.
// POST /broadcast?count=N sends N small JSON frames to every connected socket.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'POST' && url.pathname === '/broadcast') {
    const count = Number(url.searchParams.get('count') ?? 1);
    for (let i = 0; i < count; i++) {
      const frame = JSON.stringify({
        type: 'next',
        payload: { data: { notificationAdded: { id: `raw-${i}`, title: 'Raw frame' } } },
      });
      for (const socket of wss.clients) socket.send(frame);
    }
    res.end('ok');
    return;
  }
  if (url.pathname === '/healthz') return res.end('ok');
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ msg: 'raw ws ready', url: `http://127.0.0.1:${server.address().port}` })),
);
process.on('SIGTERM', () => process.exit(0));

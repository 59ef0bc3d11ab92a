// GraphiQL, bundled from npm by the project's build: nothing is loaded from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { createRoot } from 'react-dom/client';

interface BelfryPageConfig {
  apiKey?: string;
  userToken?: string;
  userId?: string;
}

// Set by the server's /config.js, loaded before this script (absent when the server sends no page config).
const config = (Reflect.get(window, 'BELFRY') as BelfryPageConfig | undefined) ?? {};
const url = new URL('/graphql', location.href).href;

/** The Authorization header currently in GraphiQL's header editor (subscriptions send it at connection_init). */
function currentAuthorization(): string | undefined {
  try {
    const headers = JSON.parse(localStorage.getItem('graphiql:headers') ?? initialHeaders) as Record<string, string>;
    return headers.Authorization ?? headers.authorization;
  } catch {
    return undefined;
  }
}

const initialHeaders = config.apiKey
  ? JSON.stringify({ Authorization: `ApiKey ${config.apiKey}` }, null, 2)
  : JSON.stringify({ Authorization: 'ApiKey <your key> or Bearer <user token>' }, null, 2);

const fetcher = createGraphiQLFetcher({
  url,
  // Also sent with the schema introspection GraphiQL runs before its header editor is ready;
  // headers typed in the editor override it.
  headers: config.apiKey ? { Authorization: `ApiKey ${config.apiKey}` } : undefined,
  wsClient: createClient({
    url: url.replace(/^http/, 'ws'),
    lazy: true,
    connectionParams: () => ({ Authorization: currentAuthorization() }),
  }),
});

const userId = config.userId ?? 'demo-user';
const defaultQuery = `# Belfry's GraphQL API. Headers (below) carry the credentials.
# Run an operation with the play button; open the subscription in one tab and send in another.

query Inbox {
  notifications(userId: "${userId}", first: 10) {
    edges { node { id title message read createdAt } }
    pageInfo { hasNextPage endCursor }
  }
  notificationCount(userId: "${userId}", unreadOnly: true)
}

mutation Send {
  sendNotification(input: { userId: "${userId}", title: "Hello from GraphiQL", message: "It works." }) { id }
}

subscription Live {
  notificationAdded(userId: "${userId}") { id title message createdAt }
}
`;

// Shareable links: /graphiql/?query=… opens with that operation.
const linked = new URLSearchParams(location.search).get('query') ?? undefined;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={defaultQuery}
    initialQuery={linked}
    initialHeaders={initialHeaders}
    defaultHeaders={initialHeaders}
  />,
);

// The demo bell: connects with graphql-ws as a user, shows the unread badge and the latest
// items live, and marks items read. In development the server hands it a user token (and
// an API key for the "send a test notification" button) through config.js.
import { createClient, type Client } from 'graphql-ws';

interface BelfryPageConfig {
  userToken?: string;
  apiKey?: string;
  userId?: string;
}

interface Item {
  id: string;
  title: string;
  message: string;
  read: boolean;
  createdAt: string;
}

// Set by the server's /config.js, loaded before this script (absent when the server sends no page config).
const config = (Reflect.get(window, 'BELFRY') as BelfryPageConfig | undefined) ?? {};
const httpUrl = new URL('/graphql', location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');
const $ = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}`);
  return element;
};

let token =
  new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('belfry:token') ?? config.userToken ?? '';
let client: Client | undefined;
const items = new Map<string, Item>();

async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  authorization = `Bearer ${token}`,
): Promise<T> {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

function setBadge(count: number): void {
  const badge = $('badge');
  badge.textContent = String(count);
  badge.dataset.count = String(count);
  badge.hidden = count === 0;
}

function render(): void {
  const list = $('items');
  list.replaceChildren(
    ...[...items.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, 20)
      .map((item) => {
        const li = document.createElement('li');
        li.className = `item${item.read ? '' : ' unread'}`;
        li.dataset.id = item.id;
        const text = document.createElement('div');
        const title = document.createElement('h2');
        title.textContent = item.title;
        const message = document.createElement('p');
        message.textContent = item.message;
        const time = document.createElement('time');
        time.textContent = new Date(item.createdAt).toLocaleString();
        text.append(title, message, time);
        li.append(text);
        if (!item.read) {
          const button = document.createElement('button');
          button.textContent = 'Mark read';
          button.className = 'mark-read';
          button.addEventListener('click', () => void markRead(item.id));
          li.append(button);
        }
        return li;
      }),
  );
}

async function markRead(id: string): Promise<void> {
  const { markNotificationRead } = await graphql<{ markNotificationRead: Item }>(
    `
      mutation ($id: ID!) {
        markNotificationRead(id: $id) {
          id
          title
          message
          read
          createdAt
        }
      }
    `,
    { id },
  );
  items.set(id, markNotificationRead);
  render();
}

/** Loads the latest items and the count: at start and after every reconnect (the catch-up). */
async function refresh(): Promise<void> {
  const data = await graphql<{ notifications: { nodes: Item[] }; notificationCount: number }>(`
    {
      notifications(first: 20) {
        nodes {
          id
          title
          message
          read
          createdAt
        }
      }
      notificationCount(unreadOnly: true)
    }
  `);
  items.clear();
  for (const item of data.notifications.nodes) items.set(item.id, item);
  setBadge(data.notificationCount);
  render();
}

function connect(): void {
  void client?.dispose();
  client = createClient({
    url: wsUrl,
    connectionParams: () => ({ Authorization: `Bearer ${token}` }),
    retryAttempts: Infinity,
    on: {
      connected: () => {
        $('status').textContent = 'Live';
        void refresh();
      },
      closed: (event) => {
        const code = (event as CloseEvent).code;
        $('status').textContent =
          code === 4401 ? 'Your token was refused or expired: paste a new one.' : 'Reconnecting…';
        if (code === 4401) $('login').hidden = false;
      },
    },
  });
  client.subscribe<{ notificationAdded: Item }>(
    { query: 'subscription { notificationAdded { id title message read createdAt } }' },
    {
      next: ({ data }) => {
        if (!data) return;
        items.set(data.notificationAdded.id, data.notificationAdded);
        render();
      },
      error: (error) => console.error(error),
      complete: () => {},
    },
  );
  client.subscribe<{ unreadCountChanged: { count: number } }>(
    { query: 'subscription { unreadCountChanged { count } }' },
    {
      next: ({ data }) => data && setBadge(data.unreadCountChanged.count),
      error: (error) => console.error(error),
      complete: () => {},
    },
  );
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  token = ($('token') as HTMLInputElement).value.trim();
  sessionStorage.setItem('belfry:token', token);
  $('login').hidden = true;
  connect();
});

async function markAllRead(): Promise<void> {
  await graphql('mutation { markAllNotificationsRead }');
  await refresh();
}

$('mark-all').addEventListener('click', () => void markAllRead());

if (config.apiKey && config.userId) {
  const send = $('send-test');
  send.hidden = false;
  let sent = 0;
  send.addEventListener(
    'click',
    () =>
      void graphql(
        `
          mutation ($input: SendNotificationInput!) {
            sendNotification(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            userId: config.userId,
            title: `Test notification #${++sent}`,
            message: 'Sent from the demo bell page.',
            category: 'SYSTEM',
          },
        },
        `ApiKey ${config.apiKey}`,
      ),
  );
}

if (token) connect();
else {
  $('status').textContent = 'Paste a user token to connect.';
  $('login').hidden = false;
}

// The demo page: the <belfry-inbox> component signed in as a user. In development the server
// hands it a user token (and an API key for the "send a test notification" buttons) through
// config.js; otherwise it takes ?token= or asks for one.
import '@belfry/inbox';

interface BelfryPageConfig {
  userToken?: string;
  apiKey?: string;
  userId?: string;
}

// Set by the server's /config.js, loaded before this script (absent when the server sends no page config).
const config = (Reflect.get(window, 'BELFRY') as BelfryPageConfig | undefined) ?? {};
const $ = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}`);
  return element;
};
const inbox = $('inbox') as HTMLElementTagNameMap['belfry-inbox'];

let token =
  new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('belfry:token') ?? config.userToken ?? '';

function signIn(): void {
  inbox.server = location.origin;
  inbox.token = token;
  $('status').textContent = 'Signed in: open the bell.';
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  token = ($('token') as HTMLInputElement).value.trim();
  sessionStorage.setItem('belfry:token', token);
  $('login').hidden = true;
  signIn();
});

/** Sends a notification to the signed-in demo user with the development API key. */
async function send(title: string, priority: 'MEDIUM' | 'URGENT'): Promise<void> {
  const response = await fetch(new URL('/graphql', location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `ApiKey ${config.apiKey}` },
    body: JSON.stringify({
      query: 'mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
      variables: {
        input: {
          userId: config.userId,
          title,
          message: 'Sent from the demo page.',
          category: priority === 'URGENT' ? 'SECURITY' : 'SYSTEM',
          priority,
          actionUrl: '/graphiql/',
        },
      },
    }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  $('status').textContent = body.errors?.length
    ? body.errors.map((error) => error.message).join('; ')
    : `Sent: ${title}`;
}

if (config.apiKey && config.userId) {
  let sent = 0;
  $('send-test').hidden = false;
  $('send-urgent').hidden = false;
  $('send-test').addEventListener('click', () => void send(`Test notification #${++sent}`, 'MEDIUM'));
  $('send-urgent').addEventListener('click', () => void send(`Urgent test #${++sent}`, 'URGENT'));
}

if (token) signIn();
else {
  $('status').textContent = 'Paste a user token to connect.';
  $('login').hidden = false;
}

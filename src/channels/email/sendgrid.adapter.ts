import sendgrid from '@sendgrid/client';
import { SendError, errorForStatus, networkCodeOf, toSendError, unreachable } from '../send-error.js';
import { abortable } from '../abortable.js';
import type { EmailMessage, EmailTransport, SendReceipt } from '../ports.js';

// The package's types describe only its shared instance; at run time that instance also
// carries the class (`Client`), and every backend needs a client of its own.
type SendGridClient = typeof sendgrid;
type ClientRequest = Parameters<SendGridClient['request']>[0];
// eslint-disable-next-line no-restricted-syntax -- the package's types omit the Client class it exports (see above)
const { Client } = sendgrid as unknown as { Client: new () => SendGridClient };

/**
 * The official client, with each request's AbortSignal passed on to axios: its own
 * createRequest keeps only url, method, body, query and headers, so an aborted send would
 * otherwise leave its request running until the timeout.
 */
class AbortableClient extends Client {
  override createRequest(data: ClientRequest & { signal?: AbortSignal }): ClientRequest {
    return Object.assign(super.createRequest(data), data.signal ? { signal: data.signal } : {});
  }
}

export interface SendGridOptions {
  readonly apiKey: string;
  readonly from: string;
  /** Validate every message and deliver none: SendGrid's `mail_settings.sandbox_mode`. */
  readonly sandboxMode?: boolean;
  /** Replaces https://api.sendgrid.com (https://api.eu.sendgrid.com, a proxy, or a local test server). */
  readonly url?: string;
  /** How long one provider call may take before it counts as unreachable (default 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Email through SendGrid's v3 Mail Send API (`POST /v3/mail/send`) with the official
 * `@sendgrid/client`. One client per backend (not the package's shared singleton), so two
 * SendGrid backends keep their own keys and base URLs. The receipt's message id is the
 * `X-Message-Id` response header: SendGrid's Event Webhook names messages by it
 * (`sg_message_id` begins with it), so receipts can be matched to deliveries.
 */
export class SendGridAdapter implements EmailTransport {
  private readonly client: SendGridClient;
  private readonly sender: { email: string; name?: string };

  constructor(
    readonly name: string,
    private readonly options: SendGridOptions,
  ) {
    this.client = new AbortableClient();
    // Set as a default header rather than with setApiKey, which would reset the base URL
    // and print a console warning for keys that do not start with "SG.".
    this.client.setDefaultHeader('Authorization', `Bearer ${options.apiKey}`);
    // The client passes its default request to axios as is: `timeout` bounds every call
    // (axios reports it as ECONNABORTED). The package's own types do not list it.
    const defaults = {
      url: '',
      baseUrl: options.url ?? 'https://api.sendgrid.com',
      timeout: options.timeoutMs ?? 30_000,
    };
    this.client.setDefaultRequest(defaults);
    this.sender = parseAddress(options.from);
  }

  async send(message: EmailMessage, signal: AbortSignal): Promise<SendReceipt> {
    const sandbox = this.options.sandboxMode === true;
    try {
      // axios cancels the request itself; `abortable` settles the send at once whatever the client does.
      const request: ClientRequest & { signal: AbortSignal } = {
        signal,
        method: 'POST',
        url: '/v3/mail/send',
        body: {
          personalizations: [{ to: [{ email: message.to }] }],
          from: this.sender,
          subject: message.subject,
          // SendGrid wants text/plain before text/html.
          content: [
            { type: 'text/plain', value: message.text },
            ...(message.html ? [{ type: 'text/html', value: message.html }] : []),
          ],
          headers: { 'X-Belfry-Delivery-Id': message.deliveryId, ...message.headers },
          custom_args: { belfry_delivery_id: message.deliveryId },
          ...(sandbox ? { mail_settings: { sandbox_mode: { enable: true } } } : {}),
        },
      };
      const [response] = await abortable(this.client.request(request), signal);
      const id = headerOf(response.headers, 'x-message-id');
      return { providerMessageId: id ?? null, ...(sandbox ? { sandbox: true } : {}) };
    } catch (error) {
      throw classify(error);
    }
  }

  /** Nothing to release: every call is a request of its own (no pool kept open). */
  async close(): Promise<void> {}
}

/** "Acme <no-reply@example.com>" → { email, name }, as SendGrid's `from` object wants it. */
export function parseAddress(address: string): { email: string; name?: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(address);
  if (!match) return { email: address.trim() };
  const [, rawName = '', rawEmail = ''] = match;
  const name = rawName.trim();
  return name ? { email: rawEmail.trim(), name } : { email: rawEmail.trim() };
}

function headerOf(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * @sendgrid/client rejects an HTTP error with a ResponseError (`code` = the status,
 * `response.body.errors[].message`), and anything else with the axios error, whose request
 * config holds the Authorization header: neither is kept as a cause, so no API key can reach a log.
 */
function classify(error: unknown): SendError {
  const { code, response } = error as { code?: unknown; response?: { body?: unknown } };
  if (typeof code === 'number' && code >= 400) return errorForStatus(code, detailOf(response?.body));
  const network = networkCodeOf(error);
  if (network) return unreachable(network);
  if (error instanceof SendError) return error;
  // The abort reason, or something unexpected: its name and message only.
  const copy = new Error(error instanceof Error ? error.message : String(error));
  if (error instanceof Error) copy.name = error.name;
  return toSendError(copy);
}

function detailOf(body: unknown): string {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors)) {
    const messages = errors
      .map((entry) => (entry as { message?: unknown }).message)
      .filter((message): message is string => typeof message === 'string');
    if (messages.length) return messages.join('; ');
  }
  return typeof body === 'string' ? body : JSON.stringify(body ?? null);
}

import Mailgun from 'mailgun.js';
import { SendError, errorForStatus, isNetworkCode, toSendError, unreachable } from '../send-error.js';
import { abortable } from '../abortable.js';
import type { EmailMessage, EmailTransport, SendReceipt } from '../ports.js';

export interface MailgunOptions {
  readonly apiKey: string;
  readonly domain: string;
  /** API base URL: https://api.mailgun.net (US, default) or https://api.eu.mailgun.net (EU). */
  readonly url?: string;
  readonly from: string;
  readonly timeoutMs?: number;
}

type MailgunClient = ReturnType<InstanceType<typeof Mailgun>['client']>;

/** Email through the Mailgun messages API (mailgun.js). */
export class MailgunAdapter implements EmailTransport {
  private readonly client: MailgunClient;

  constructor(
    readonly name: string,
    private readonly options: MailgunOptions,
  ) {
    this.client = new Mailgun(FormData).client({
      username: 'api',
      key: options.apiKey,
      url: options.url ?? 'https://api.mailgun.net',
      timeout: options.timeoutMs ?? 30_000,
    });
  }

  async send(message: EmailMessage, signal: AbortSignal): Promise<SendReceipt> {
    try {
      const response = await abortable(
        this.client.messages.create(this.options.domain, {
          from: this.options.from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          'h:X-Belfry-Delivery-Id': message.deliveryId,
          ...Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [`h:${name}`, value])),
        }),
        signal,
      );
      return { providerMessageId: response.id ?? null };
    } catch (error) {
      throw classify(error);
    }
  }
}

function classify(error: unknown): SendError {
  const { status, details: rawDetails, message } = error as { status?: unknown; details?: unknown; message?: unknown };
  // mailgun.js reports a connection that failed or timed out as "status 400" whose message
  // is the network error code: no HTTP answer ever came, so it is not a 400.
  if (isNetworkCode(message)) return unreachable(message, error);
  if (typeof status === 'number' && status >= 400) {
    const details = rawDetails ?? (error as Error).message;
    return errorForStatus(status, typeof details === 'string' ? details : JSON.stringify(details));
  }
  return toSendError(error);
}

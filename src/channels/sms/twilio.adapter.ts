import twilio from 'twilio';
import { SendError, errorForStatus, toSendError } from '../send-error.js';
import { abortable } from '../abortable.js';
import type { SendReceipt, SmsMessage, SmsTransport } from '../ports.js';

export interface TwilioOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Sender: an E.164 number, or a messaging service SID (MG…). */
  readonly from: string;
  /** Replaces https://api.twilio.com (a regional edge, a proxy, or a local test server). */
  readonly url?: string;
  /** How long one provider call may take before it counts as unreachable (default 30 s). */
  readonly timeoutMs?: number;
  /** Where Twilio posts the message's status changes (Belfry's /webhooks/<backend>), when PUBLIC_URL is set. */
  readonly statusCallback?: string;
}

// Twilio error codes that mean the message itself can never be sent (bad or unreachable number).
const PERMANENT_CODES = new Set([21211, 21214, 21408, 21610, 21612, 21614]);

/** SMS through the Twilio Messages API (twilio SDK). */
export class TwilioAdapter implements SmsTransport {
  private readonly client: ReturnType<typeof twilio>;

  constructor(
    readonly name: string,
    private readonly options: TwilioOptions,
  ) {
    this.client = twilio(options.accountSid, options.authToken, {
      httpClient: options.url ? new RebasedRequestClient(options.url, options.timeoutMs ?? 30_000) : undefined,
      timeout: options.timeoutMs ?? 30_000,
    });
  }

  async send(message: SmsMessage, signal: AbortSignal): Promise<SendReceipt> {
    const sender = this.options.from.startsWith('MG')
      ? { messagingServiceSid: this.options.from }
      : { from: this.options.from };
    try {
      const sent = await abortable(
        this.client.messages.create({
          to: message.to,
          body: message.body,
          ...sender,
          ...(this.options.statusCallback ? { statusCallback: this.options.statusCallback } : {}),
        }),
        signal,
      );
      return { providerMessageId: sent.sid };
    } catch (error) {
      throw classify(error);
    }
  }
}

/** The SDK's own HTTP client, sending to another base URL. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeout: number,
  ) {
    // A client given to the SDK brings its own timeout: the SDK's `timeout` option is not passed on to it.
    super({ timeout });
  }

  override request<TData>(options: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    return super.request<TData>({
      ...options,
      uri: options.uri.replace(/^https:\/\/[^/]+/, this.baseUrl.replace(/\/$/, '')),
    });
  }
}

function classify(error: unknown): SendError {
  const { status, code, message } = error as { status?: number; code?: number; message?: string };
  if (typeof code === 'number' && PERMANENT_CODES.has(code))
    return new SendError(`twilio_${code}`, message ?? `Twilio error ${code}`);
  if (typeof status === 'number' && status >= 400)
    return errorForStatus(status, `${code ?? ''} ${message ?? ''}`.trim());
  return toSendError(error);
}

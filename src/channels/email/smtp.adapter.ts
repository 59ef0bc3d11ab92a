import nodemailer, { type Transporter } from 'nodemailer';
import { SendError, toSendError, unreachable } from '../send-error.js';
import { abortable } from '../abortable.js';
import type { EmailMessage, EmailTransport, SendReceipt } from '../ports.js';

export interface SmtpOptions {
  /**
   * smtp://user:pass@host:587 (STARTTLS when the server offers it; add ?requireTLS=true to
   * insist) or smtps://user:pass@host:465 (implicit TLS).
   */
  readonly url: string;
  readonly from: string;
  /** Extra CA certificate(s) to trust (PEM), e.g. for an internal relay. */
  readonly ca?: string;
  /** How long one provider call may take before it counts as unreachable (default 30 s). */
  readonly timeoutMs?: number;
}

/** Email over SMTP (nodemailer). */
export class SmtpAdapter implements EmailTransport {
  private readonly transporter: Transporter;

  constructor(
    readonly name: string,
    private readonly options: SmtpOptions,
  ) {
    const url = new URL(options.url);
    this.transporter = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      requireTLS: url.searchParams.get('requireTLS') === 'true',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      tls: options.ca ? { ca: options.ca } : undefined,
      connectionTimeout: Math.min(options.timeoutMs ?? 15_000, 15_000),
      greetingTimeout: Math.min(options.timeoutMs ?? 15_000, 15_000),
      socketTimeout: options.timeoutMs ?? 30_000,
    });
  }

  async send(message: EmailMessage, signal: AbortSignal): Promise<SendReceipt> {
    try {
      const info = await abortable(
        this.transporter.sendMail({
          from: this.options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
          headers: { 'X-Belfry-Delivery-Id': message.deliveryId, ...message.headers },
        }),
        signal,
      );
      return { providerMessageId: info.messageId };
    } catch (error) {
      throw classify(error);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

function classify(error: unknown): SendError {
  const { code, responseCode, response } = error as { code?: string; responseCode?: number; response?: string };
  const detail = (response ?? (error as Error).message).slice(0, 1000);
  if (code === 'EAUTH') return new SendError('credentials_rejected', detail, { failover: true });
  if (typeof responseCode === 'number') {
    // 4xx replies are transient by definition (RFC 5321); 5xx are permanent.
    if (responseCode >= 400 && responseCode < 500)
      return new SendError(`smtp_${responseCode}`, detail, { retryable: true });
    if (responseCode >= 500) return new SendError(`smtp_${responseCode}`, detail);
  }
  // nodemailer's own codes for a server it could not reach, resolve or hear back from.
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ETIMEDOUT' || code === 'EDNS')
    return unreachable(code, error);
  return toSendError(error);
}

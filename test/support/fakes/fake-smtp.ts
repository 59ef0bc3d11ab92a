import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import type { Certificate } from './tls.js';

/**
 * A real SMTP server (smtp-server) that requires AUTH, speaks implicit TLS or STARTTLS, and
 * parses each message it accepts. `rejectNext` makes it answer the next DATA with an SMTP code
 * (after `release`, when given).
 */
export class FakeSmtp {
  readonly messages: { envelope: { from: string; to: string[] }; email: Email; secure: boolean }[] = [];
  private server!: SMTPServer;
  private rejections: { code: number; message: string; release?: Promise<void>; arrived?: () => void }[] = [];
  port = 0;

  constructor(private readonly options: { user: string; password: string; tls: Certificate; implicitTls: boolean }) {}

  rejectNext(code: number, message: string, hold?: { release: Promise<void>; arrived?: () => void }): void {
    this.rejections.push({ code, message, ...hold });
  }

  /** Rejections not used yet: a test that leaves some would hand them to the next one. */
  get unusedRejections(): number {
    return this.rejections.length;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      secure: this.options.implicitTls,
      key: this.options.tls.key,
      cert: this.options.tls.cert,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: false,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.options.user && auth.password === this.options.password)
          return callback(null, { user: auth.username });
        callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          (async () => {
            const rejection = this.rejections.shift();
            rejection?.arrived?.();
            if (rejection?.release) await rejection.release;
            if (rejection)
              return callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
            const email = await PostalMime.parse(Buffer.concat(chunks));
            this.messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              email,
              secure: session.secure,
            });
            callback();
          })().catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

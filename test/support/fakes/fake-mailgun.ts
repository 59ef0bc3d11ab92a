import { basicAuth, HttpFake, type ReceivedRequest, type Reply } from './http-fake.js';

export interface MailgunMessage {
  readonly domain: string;
  readonly fields: Record<string, string[]>;
}

/**
 * The Mailgun messages API as Mailgun checks it: `POST /v3/<domain>/messages`, HTTP Basic
 * auth `api:<key>`, a multipart form with from/to/subject/text. Replies can be scripted
 * (e.g. 503 then 200) with {@link FakeMailgun.script}.
 */
export class FakeMailgun extends HttpFake {
  readonly accepted: MailgunMessage[] = [];
  private readonly scripted: Reply[] = [];
  /** The reply after the script runs out (default: accept). */
  fallback: Reply | undefined;

  constructor(
    readonly apiKey: string,
    readonly domain: string,
  ) {
    super((request) => this.reply(request));
  }

  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  /** Scripted replies not used yet: a test that leaves some would hand them to the next one. */
  get unusedScript(): number {
    return this.scripted.length;
  }

  private async reply(request: ReceivedRequest): Promise<Reply> {
    const match = /^\/v3\/([^/]+)\/messages$/.exec(request.path);
    if (request.method !== 'POST' || !match) return { status: 404, body: { message: 'not found' } };
    const auth = basicAuth(request.headers.authorization);
    if (auth?.user !== 'api' || auth.password !== this.apiKey)
      return { status: 401, body: { message: 'Invalid private key' } };
    if (match[1] !== this.domain) return { status: 404, body: { message: `Domain not found: ${match[1]}` } };
    const form = await new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': String(request.headers['content-type']) },
      body: request.body,
      // Deprecated for servers that stream large uploads; a test fake reading small forms is fine.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
    }).formData();
    const fields: Record<string, string[]> = {};
    for (const [key, value] of form.entries())
      (fields[key] ??= []).push(typeof value === 'string' ? value : value.name);
    for (const required of ['from', 'to', 'subject', 'text']) {
      if (!fields[required]?.length) return { status: 400, body: { message: `'${required}' parameter is missing` } };
    }
    const reply = this.scripted.shift() ?? this.fallback;
    if (reply && reply.status !== 200) return reply;
    this.accepted.push({ domain: match[1], fields });
    return {
      status: 200,
      ...reply,
      body: reply?.body ?? {
        id: `<${Date.now()}.${this.accepted.length}@${this.domain}>`,
        message: 'Queued. Thank you.',
      },
    };
  }
}

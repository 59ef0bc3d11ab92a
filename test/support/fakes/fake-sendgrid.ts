import { randomBytes } from 'node:crypto';
import { HttpFake, type ReceivedRequest, type Reply } from './http-fake.js';

interface Address {
  readonly email: string;
  readonly name?: string;
}

/** A message SendGrid accepted, as it was posted. */
export interface SendGridMail {
  readonly personalizations: readonly { readonly to: readonly Address[]; readonly subject?: string }[];
  readonly from: Address;
  readonly subject?: string;
  readonly content: readonly { readonly type: string; readonly value: string }[];
  readonly headers?: Record<string, string>;
  readonly custom_args?: Record<string, string>;
  readonly mail_settings?: { readonly sandbox_mode?: { readonly enable?: unknown } };
}

/**
 * SendGrid's v3 Mail Send API as SendGrid checks it: `POST /v3/mail/send`, `Authorization:
 * Bearer <key>`, a JSON body with personalizations (each with at least one `to`), `from`, a
 * subject and content. 202 with an `X-Message-Id` header; in sandbox mode 200 and nothing
 * kept in `delivered`. Errors come as `{ errors: [{ message, field, help }] }`. Replies can be
 * scripted (e.g. 503 then success) with {@link FakeSendGrid.script}.
 */
export class FakeSendGrid extends HttpFake {
  /** Every valid message, sandboxed or not. */
  readonly accepted: { readonly mail: SendGridMail; readonly messageId: string | null }[] = [];
  private readonly scripted: Reply[] = [];

  constructor(readonly apiKey: string) {
    super((request) => this.reply(request));
  }

  /** Messages that would have reached someone (sandbox mode left out). */
  get delivered(): SendGridMail[] {
    return this.accepted.filter((entry) => entry.messageId !== null).map((entry) => entry.mail);
  }

  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  /** Scripted replies not used yet: a test that leaves some would hand them to the next one. */
  get unusedScript(): number {
    return this.scripted.length;
  }

  private reply(request: ReceivedRequest): Reply {
    if (request.path !== '/v3/mail/send') return failure(404, 'not found');
    if (request.method !== 'POST') return failure(405, 'method not allowed');
    if (request.headers.authorization !== `Bearer ${this.apiKey}`)
      return failure(401, 'The provided authorization grant is invalid, expired, or revoked');
    let mail: unknown;
    try {
      mail = JSON.parse(request.body.toString('utf8'));
    } catch {
      return failure(400, 'Bad Request');
    }
    const invalid = validate(mail);
    if (invalid) return failure(400, invalid.message, invalid.field);
    const reply = this.scripted.shift();
    if (reply && reply.status >= 300) return reply;
    const valid = mail as SendGridMail;
    const sandbox = valid.mail_settings?.sandbox_mode?.enable === true;
    // In sandbox mode SendGrid only validates: 200, no message, so no id to track it by.
    const messageId = sandbox ? null : randomBytes(16).toString('base64url').slice(0, 22);
    this.accepted.push({ mail: valid, messageId });
    return {
      ...reply,
      status: sandbox ? 200 : 202,
      body: undefined,
      headers: messageId ? { 'x-message-id': messageId } : {},
    };
  }
}

function failure(status: number, message: string, field: string | null = null): Reply {
  return { status, body: { errors: [{ message, field, help: null }] } };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** The checks SendGrid makes before it accepts a message, with its error wording. */
function validate(mail: unknown): { message: string; field: string } | undefined {
  if (!mail || typeof mail !== 'object') return { message: 'Bad Request', field: '' };
  const { personalizations, from, subject, content, mail_settings } = mail as Record<string, unknown>;
  if (!Array.isArray(personalizations) || !personalizations.length)
    return {
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
    };
  for (const [index, personalization] of personalizations.entries()) {
    const to = (personalization as { to?: unknown }).to;
    if (!Array.isArray(to) || !to.length)
      return {
        message:
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        field: `personalizations.${index}.to`,
      };
    if (to.some((address) => !isEmail((address as { email?: unknown }).email)))
      return { message: 'Does not contain a valid address.', field: `personalizations.${index}.to` };
  }
  if (!from || typeof from !== 'object' || !isEmail((from as { email?: unknown }).email))
    return {
      message:
        'The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.',
      field: 'from.email',
    };
  const subjects = personalizations.every(
    (personalization) => typeof (personalization as { subject?: unknown }).subject === 'string',
  );
  if ((typeof subject !== 'string' || !subject) && !subjects)
    return {
      message:
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
    };
  if (!Array.isArray(content) || !content.length)
    return { message: 'Unless a valid template_id is provided, the content parameter is required.', field: 'content' };
  for (const [index, part] of content.entries()) {
    const { type, value } = part as { type?: unknown; value?: unknown };
    if (typeof type !== 'string' || typeof value !== 'string' || !value)
      return {
        message: 'The content value must be a string at least one character in length.',
        field: `content.${index}.value`,
      };
  }
  if (
    (content[0] as { type: string }).type !== 'text/plain' &&
    content.some((part) => (part as { type: string }).type === 'text/plain')
  )
    return {
      message: 'If present, text/plain content must be first, followed by text/html, followed by any other content.',
      field: 'content.0.type',
    };
  const sandbox = (mail_settings as { sandbox_mode?: { enable?: unknown } } | undefined)?.sandbox_mode;
  if (sandbox && typeof sandbox.enable !== 'boolean')
    return {
      message: 'The sandbox mode enable param should be a boolean value.',
      field: 'mail_settings.sandbox_mode.enable',
    };
  return undefined;
}

/** A JSON value SendGrid would accept as an address: a string that looks like one. */
function isEmail(value: unknown): boolean {
  return typeof value === 'string' && EMAIL.test(value);
}

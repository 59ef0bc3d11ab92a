import { randomBytes } from 'node:crypto';
import { basicAuth, HttpFake, type ReceivedRequest, type Reply } from './http-fake.js';

/**
 * The Twilio Messages API as Twilio checks it: `POST /2010-04-01/Accounts/<sid>/Messages.json`,
 * HTTP Basic auth `<sid>:<token>`, an urlencoded form with To/From/Body; To must be E.164.
 * Replies to valid requests can be scripted with {@link FakeTwilio.script}.
 */
export class FakeTwilio extends HttpFake {
  readonly accepted: Record<string, string>[] = [];
  private readonly scripted: Reply[] = [];

  constructor(
    readonly accountSid: string,
    readonly authToken: string,
  ) {
    super((request) => this.reply(request));
  }

  /** The next valid requests get these replies instead of being accepted. */
  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  private reply(request: ReceivedRequest): Reply {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (request.method !== 'POST' || !match)
      return { status: 404, body: { code: 20404, message: 'not found', status: 404 } };
    const auth = basicAuth(request.headers.authorization);
    if (match[1] !== this.accountSid || auth?.user !== this.accountSid || auth.password !== this.authToken) {
      return { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
    }
    const form = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
    if (!/^\+[1-9]\d{6,14}$/.test(form.To ?? '')) {
      return {
        status: 400,
        body: { code: 21211, message: `The 'To' number ${form.To} is not a valid phone number.`, status: 400 },
      };
    }
    if (!form.Body || !(form.From || form.MessagingServiceSid))
      return { status: 400, body: { code: 21602, message: 'Message body is required.', status: 400 } };
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    this.accepted.push(form);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    return {
      status: 201,
      body: { sid, account_sid: this.accountSid, to: form.To, from: form.From, body: form.Body, status: 'queued' },
    };
  }
}

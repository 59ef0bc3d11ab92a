/** What an email delivery sends: the copy a channel turns into provider messages. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html?: string | null;
  /** RFC 8058 one-click unsubscribe link (MARKETING email with PUBLIC_URL set): sent as List-Unsubscribe. */
  readonly unsubscribeUrl?: string | null;
}

export interface SmsContent {
  readonly text: string;
}

export interface PushContent {
  readonly title: string;
  readonly body: string;
  /** Opened when the user taps the notification. */
  readonly url?: string | null;
}

/** The rendered copy of a notification for each outbound channel. */
export interface OutboundContent {
  readonly email: EmailContent;
  readonly sms: SmsContent;
  readonly push: PushContent;
}

import { BadUserInputError } from '../shared/errors.js';

/** A built-in event: the template it sends, chosen from the event's data where needed. */
export interface BuiltInEvent {
  readonly event: string;
  readonly description: string;
  /** Every template the event may send (for listing). */
  readonly templateKeys: readonly string[];
  templateFor(data: Readonly<Record<string, unknown>>): string;
}

/** The seed's event endpoints, as named events. Each uses its template's channels. */
export const BUILT_IN_EVENTS: readonly BuiltInEvent[] = [
  { event: 'welcome', description: 'A new user signed up.', templateKeys: ['welcome'], templateFor: () => 'welcome' },
  {
    event: 'verification',
    description: 'Send a verification code (data: code).',
    templateKeys: ['email_verification'],
    templateFor: () => 'email_verification',
  },
  {
    event: 'password_reset',
    description: 'Send a password reset token (data: token).',
    templateKeys: ['password_reset'],
    templateFor: () => 'password_reset',
  },
  {
    event: 'security_alert',
    description: 'A security event on the account (data: alertType, details).',
    templateKeys: ['login_alert'],
    templateFor: () => 'login_alert',
  },
  {
    event: 'billing',
    description: 'A payment succeeded or failed (data: type = success | failed, amount).',
    templateKeys: ['payment_success', 'payment_failed'],
    templateFor(data) {
      if (data.type === 'success') return 'payment_success';
      if (data.type === 'failed') return 'payment_failed';
      throw new BadUserInputError('data.type must be "success" or "failed" for the billing event', ['data.type']);
    },
  },
];

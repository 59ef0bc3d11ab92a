import { Category, Channel, Priority } from '../shared/enums.js';

/** A template as seeded: everything an operator could later edit. */
export interface TemplateSeed {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly channels: readonly Channel[];
  readonly category: Category;
  readonly priority: Priority;
  readonly subjectTemplate: string;
  readonly messageTemplate: string;
  readonly htmlTemplate: string;
  readonly smsTemplate?: string;
  readonly pushTitleTemplate?: string;
  readonly pushBodyTemplate?: string;
  readonly dataFields: readonly string[];
  readonly sensitiveFields?: readonly string[];
  readonly critical?: boolean;
}

const { IN_APP, EMAIL, PUSH } = Channel;

/** Wraps paragraphs in the minimal, client-safe markup every default email uses. */
function html(...paragraphs: string[]): string {
  return paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
}

/** The thirteen standard templates of the seed document, seeded once at start-up. */
export const DEFAULT_TEMPLATES: readonly TemplateSeed[] = [
  {
    key: 'welcome',
    name: 'Welcome',
    description: 'Welcome new users',
    channels: [IN_APP, EMAIL],
    category: Category.ACCOUNT,
    priority: Priority.MEDIUM,
    subjectTemplate: 'Welcome aboard!',
    messageTemplate: 'Your account has been created successfully. Sign in any time to get started.',
    htmlTemplate: html(
      'Welcome aboard!',
      'Your account has been created successfully. Sign in any time to get started.',
    ),
    dataFields: [],
  },
  {
    key: 'email_verification',
    name: 'Email verification',
    description: 'Email verification code',
    channels: [EMAIL],
    category: Category.VERIFICATION,
    priority: Priority.HIGH,
    subjectTemplate: 'Your verification code',
    messageTemplate:
      'Your verification code is {code}. It expires in 15 minutes. If you did not ask for it, you can ignore this message.',
    htmlTemplate: html(
      'Your verification code is:',
      '<strong style="font-size:20px;letter-spacing:2px">{code}</strong>',
      'It expires in 15 minutes. If you did not ask for it, you can ignore this message.',
    ),
    smsTemplate: 'Your verification code is {code}. It expires in 15 minutes.',
    dataFields: ['code'],
    sensitiveFields: ['code'],
    critical: true,
  },
  {
    key: 'password_reset',
    name: 'Password reset',
    description: 'Password reset request',
    channels: [EMAIL],
    category: Category.SECURITY,
    priority: Priority.HIGH,
    subjectTemplate: 'Reset your password',
    messageTemplate:
      'We received a request to reset your password. Your reset code is {token}. If you did not request it, ignore this message and your password stays the same.',
    htmlTemplate: html(
      'We received a request to reset your password.',
      'Your reset code is <strong>{token}</strong>.',
      'If you did not request it, ignore this message and your password stays the same.',
    ),
    dataFields: ['token'],
    sensitiveFields: ['token'],
    critical: true,
  },
  {
    key: 'password_changed',
    name: 'Password changed',
    description: 'Password change confirmation',
    channels: [IN_APP, EMAIL],
    category: Category.SECURITY,
    priority: Priority.HIGH,
    subjectTemplate: 'Your password was changed',
    messageTemplate:
      'The password for your account was just changed. If this was not you, reset your password now and contact support.',
    htmlTemplate: html(
      'The password for your account was just changed.',
      'If this was not you, reset your password now and contact support.',
    ),
    dataFields: [],
  },
  {
    key: 'payment_success',
    name: 'Payment success',
    description: 'Payment received',
    channels: [IN_APP, EMAIL],
    category: Category.BILLING,
    priority: Priority.MEDIUM,
    subjectTemplate: 'Payment received',
    messageTemplate: 'We received your payment of {amount}. Thank you!',
    htmlTemplate: html('We received your payment of <strong>{amount}</strong>.', 'Thank you!'),
    dataFields: ['amount'],
  },
  {
    key: 'payment_failed',
    name: 'Payment failed',
    description: 'Payment failure',
    channels: [IN_APP, EMAIL],
    category: Category.BILLING,
    priority: Priority.HIGH,
    subjectTemplate: 'Your payment failed',
    messageTemplate:
      'We could not process your payment of {amount}. Please update your payment method to keep your subscription active.',
    htmlTemplate: html(
      'We could not process your payment of <strong>{amount}</strong>.',
      'Please update your payment method to keep your subscription active.',
    ),
    pushTitleTemplate: 'Payment failed',
    pushBodyTemplate: 'Your payment of {amount} did not go through.',
    dataFields: ['amount'],
  },
  {
    key: 'subscription_expiring',
    name: 'Subscription expiring',
    description: 'Subscription expiration warning',
    channels: [IN_APP, EMAIL],
    category: Category.BILLING,
    priority: Priority.MEDIUM,
    subjectTemplate: 'Your {planName} subscription expires soon',
    messageTemplate:
      'Your {planName} subscription expires on {expiresOn}. Renew before then to avoid any interruption.',
    htmlTemplate: html(
      'Your <strong>{planName}</strong> subscription expires on {expiresOn}.',
      'Renew before then to avoid any interruption.',
    ),
    dataFields: ['planName', 'expiresOn'],
  },
  {
    key: 'login_alert',
    name: 'Login alert',
    description: 'New login detection',
    channels: [IN_APP, EMAIL, PUSH],
    category: Category.SECURITY,
    priority: Priority.HIGH,
    subjectTemplate: 'Security alert: {alertType}',
    messageTemplate:
      'We noticed a {alertType} on your account: {details}. If this was you, no action is needed. If not, change your password right away.',
    htmlTemplate: html(
      'We noticed a <strong>{alertType}</strong> on your account: {details}.',
      'If this was you, no action is needed. If not, change your password right away.',
    ),
    pushTitleTemplate: 'Security alert',
    pushBodyTemplate: '{alertType}: {details}',
    dataFields: ['alertType', 'details'],
  },
  {
    key: 'inactive_account',
    name: 'Inactive account',
    description: 'Inactive account reminder',
    channels: [EMAIL],
    category: Category.SECURITY,
    priority: Priority.LOW,
    subjectTemplate: 'Your account has been inactive',
    messageTemplate:
      'You have not signed in since {lastActiveOn}. Your account is still here whenever you are ready; sign in to keep it active.',
    htmlTemplate: html(
      'You have not signed in since {lastActiveOn}.',
      'Your account is still here whenever you are ready; sign in to keep it active.',
    ),
    dataFields: ['lastActiveOn'],
  },
  {
    key: 'new_feature',
    name: 'New feature',
    description: 'New feature announcement',
    channels: [IN_APP],
    category: Category.SYSTEM,
    priority: Priority.LOW,
    subjectTemplate: 'New: {featureName}',
    messageTemplate: '{description}',
    htmlTemplate: html('<strong>{featureName}</strong>', '{description}'),
    dataFields: ['featureName', 'description'],
  },
  {
    key: 'maintenance',
    name: 'Maintenance',
    description: 'Maintenance notice',
    channels: [IN_APP],
    category: Category.SYSTEM,
    priority: Priority.MEDIUM,
    subjectTemplate: 'Scheduled maintenance',
    messageTemplate:
      'Maintenance starts {startsAt} and takes about {duration}. Some features may be unavailable during that time.',
    htmlTemplate: html(
      'Maintenance starts {startsAt} and takes about {duration}.',
      'Some features may be unavailable during that time.',
    ),
    dataFields: ['startsAt', 'duration'],
  },
  {
    key: 'ticket_created',
    name: 'Ticket created',
    description: 'Support ticket creation',
    channels: [IN_APP],
    category: Category.SUPPORT,
    priority: Priority.MEDIUM,
    subjectTemplate: 'Support ticket #{ticketId} received',
    messageTemplate: 'We received your request "{subject}". Our team will get back to you soon.',
    htmlTemplate: html('We received your request “{subject}”.', 'Our team will get back to you soon.'),
    dataFields: ['ticketId', 'subject'],
  },
  {
    key: 'ticket_resolved',
    name: 'Ticket resolved',
    description: 'Support ticket resolution',
    channels: [IN_APP],
    category: Category.SUPPORT,
    priority: Priority.MEDIUM,
    subjectTemplate: 'Support ticket #{ticketId} resolved',
    messageTemplate: 'Your support ticket #{ticketId} has been resolved. Reply within 7 days if you need to reopen it.',
    htmlTemplate: html(
      'Your support ticket #{ticketId} has been resolved.',
      'Reply within 7 days if you need to reopen it.',
    ),
    dataFields: ['ticketId'],
  },
];

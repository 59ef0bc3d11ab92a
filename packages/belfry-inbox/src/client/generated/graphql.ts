/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How an action button is drawn. */
export type ActionStyle =
  | 'PRIMARY'
  | 'SECONDARY';

/** What a notification is about; preferences are kept per category. */
export type Category =
  | 'ACCOUNT'
  | 'BILLING'
  | 'MARKETING'
  | 'SECURITY'
  | 'SUPPORT'
  | 'SYSTEM'
  | 'VERIFICATION';

/** A way of reaching a user. */
export type Channel =
  | 'EMAIL'
  | 'IN_APP'
  | 'PUSH'
  | 'SMS';

/** Which inbox items to list. Expired items are never listed. */
export type NotificationFilter = {
  /** true: archived only; false or unset: items not archived. */
  archived?: boolean | null | undefined;
  category?: Category | null | undefined;
  /** Items with any of these tags (matched lower-cased); up to 10. Unset or empty: any item. */
  tags?: Array<string> | null | undefined;
  /** true: unread only; false: read only; unset: both. */
  unread?: boolean | null | undefined;
  /** true: unseen only; false: seen only; unset: both. */
  unseen?: boolean | null | undefined;
};

/** Flags to change; omitted flags keep their value. */
export type PreferencesInput = {
  emailAccount?: boolean | null | undefined;
  emailBilling?: boolean | null | undefined;
  emailEnabled?: boolean | null | undefined;
  emailMarketing?: boolean | null | undefined;
  emailSecurity?: boolean | null | undefined;
  emailSupport?: boolean | null | undefined;
  emailSystem?: boolean | null | undefined;
  emailVerification?: boolean | null | undefined;
  inAppAccount?: boolean | null | undefined;
  inAppBilling?: boolean | null | undefined;
  inAppEnabled?: boolean | null | undefined;
  inAppMarketing?: boolean | null | undefined;
  inAppSecurity?: boolean | null | undefined;
  inAppSupport?: boolean | null | undefined;
  inAppSystem?: boolean | null | undefined;
  inAppVerification?: boolean | null | undefined;
  pushAccount?: boolean | null | undefined;
  pushBilling?: boolean | null | undefined;
  pushEnabled?: boolean | null | undefined;
  pushMarketing?: boolean | null | undefined;
  pushSecurity?: boolean | null | undefined;
  pushSupport?: boolean | null | undefined;
  pushSystem?: boolean | null | undefined;
  pushVerification?: boolean | null | undefined;
  smsAccount?: boolean | null | undefined;
  smsBilling?: boolean | null | undefined;
  smsEnabled?: boolean | null | undefined;
  smsMarketing?: boolean | null | undefined;
  smsSecurity?: boolean | null | undefined;
  smsSupport?: boolean | null | undefined;
  smsSystem?: boolean | null | undefined;
  smsVerification?: boolean | null | undefined;
};

export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

export type InboxItemFragment = { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> };

export type InboxPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: NotificationFilter | null | undefined;
}>;


export type InboxPageQuery = { notifications: { edges: Array<{ cursor: string, node: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type UnreadCountQueryVariables = Exact<{
  filter?: NotificationFilter | null | undefined;
}>;


export type UnreadCountQuery = { notificationCount: number };

export type CountsQueryVariables = Exact<{
  filter?: NotificationFilter | null | undefined;
}>;


export type CountsQuery = { unread: number, unseen: number };

export type MarkSeenMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type MarkSeenMutation = { markNotificationsSeen: Array<{ id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> }> };

export type UnarchiveMutationVariables = Exact<{
  id: string | number;
}>;


export type UnarchiveMutation = { unarchiveNotification: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type SnoozeMutationVariables = Exact<{
  id: string | number;
  until: string;
}>;


export type SnoozeMutation = { snoozeNotification: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type UnsnoozeMutationVariables = Exact<{
  id: string | number;
}>;


export type UnsnoozeMutation = { unsnoozeNotification: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type ClickActionMutationVariables = Exact<{
  id: string | number;
  index: number;
}>;


export type ClickActionMutation = { clickNotificationAction: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type MarkReadMutationVariables = Exact<{
  id: string | number;
}>;


export type MarkReadMutation = { markNotificationRead: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type MarkUnreadMutationVariables = Exact<{
  id: string | number;
}>;


export type MarkUnreadMutation = { markNotificationUnread: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type ArchiveMutationVariables = Exact<{
  id: string | number;
}>;


export type ArchiveMutation = { archiveNotification: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type MarkAllReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkAllReadMutation = { markAllNotificationsRead: number };

export type PreferenceFlagsFragment = { id: string, userId: string, updatedAt: string, inAppEnabled: boolean, inAppAccount: boolean, inAppBilling: boolean, inAppMarketing: boolean, inAppSecurity: boolean, inAppSupport: boolean, inAppSystem: boolean, inAppVerification: boolean, emailEnabled: boolean, emailAccount: boolean, emailBilling: boolean, emailMarketing: boolean, emailSecurity: boolean, emailSupport: boolean, emailSystem: boolean, emailVerification: boolean, pushEnabled: boolean, pushAccount: boolean, pushBilling: boolean, pushMarketing: boolean, pushSecurity: boolean, pushSupport: boolean, pushSystem: boolean, pushVerification: boolean, smsEnabled: boolean, smsAccount: boolean, smsBilling: boolean, smsMarketing: boolean, smsSecurity: boolean, smsSupport: boolean, smsSystem: boolean, smsVerification: boolean, templates: Array<{ templateKey: string, channel: Channel, enabled: boolean }> };

export type TemplateChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type TemplateChoicesQuery = { templates: Array<{ id: string, key: string, name: string, channels: Array<Channel>, critical: boolean }> };

export type SetTemplatePreferenceMutationVariables = Exact<{
  templateKey: string;
  channel: Channel;
  enabled: boolean;
}>;


export type SetTemplatePreferenceMutation = { setTemplatePreference: { id: string, userId: string, updatedAt: string, inAppEnabled: boolean, inAppAccount: boolean, inAppBilling: boolean, inAppMarketing: boolean, inAppSecurity: boolean, inAppSupport: boolean, inAppSystem: boolean, inAppVerification: boolean, emailEnabled: boolean, emailAccount: boolean, emailBilling: boolean, emailMarketing: boolean, emailSecurity: boolean, emailSupport: boolean, emailSystem: boolean, emailVerification: boolean, pushEnabled: boolean, pushAccount: boolean, pushBilling: boolean, pushMarketing: boolean, pushSecurity: boolean, pushSupport: boolean, pushSystem: boolean, pushVerification: boolean, smsEnabled: boolean, smsAccount: boolean, smsBilling: boolean, smsMarketing: boolean, smsSecurity: boolean, smsSupport: boolean, smsSystem: boolean, smsVerification: boolean, templates: Array<{ templateKey: string, channel: Channel, enabled: boolean }> } };

export type PreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type PreferencesQuery = { preferences: { id: string, userId: string, updatedAt: string, inAppEnabled: boolean, inAppAccount: boolean, inAppBilling: boolean, inAppMarketing: boolean, inAppSecurity: boolean, inAppSupport: boolean, inAppSystem: boolean, inAppVerification: boolean, emailEnabled: boolean, emailAccount: boolean, emailBilling: boolean, emailMarketing: boolean, emailSecurity: boolean, emailSupport: boolean, emailSystem: boolean, emailVerification: boolean, pushEnabled: boolean, pushAccount: boolean, pushBilling: boolean, pushMarketing: boolean, pushSecurity: boolean, pushSupport: boolean, pushSystem: boolean, pushVerification: boolean, smsEnabled: boolean, smsAccount: boolean, smsBilling: boolean, smsMarketing: boolean, smsSecurity: boolean, smsSupport: boolean, smsSystem: boolean, smsVerification: boolean, templates: Array<{ templateKey: string, channel: Channel, enabled: boolean }> } };

export type UpdatePreferencesMutationVariables = Exact<{
  input: PreferencesInput;
}>;


export type UpdatePreferencesMutation = { updatePreferences: { id: string, userId: string, updatedAt: string, inAppEnabled: boolean, inAppAccount: boolean, inAppBilling: boolean, inAppMarketing: boolean, inAppSecurity: boolean, inAppSupport: boolean, inAppSystem: boolean, inAppVerification: boolean, emailEnabled: boolean, emailAccount: boolean, emailBilling: boolean, emailMarketing: boolean, emailSecurity: boolean, emailSupport: boolean, emailSystem: boolean, emailVerification: boolean, pushEnabled: boolean, pushAccount: boolean, pushBilling: boolean, pushMarketing: boolean, pushSecurity: boolean, pushSupport: boolean, pushSystem: boolean, pushVerification: boolean, smsEnabled: boolean, smsAccount: boolean, smsBilling: boolean, smsMarketing: boolean, smsSecurity: boolean, smsSupport: boolean, smsSystem: boolean, smsVerification: boolean, templates: Array<{ templateKey: string, channel: Channel, enabled: boolean }> } };

export type NotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationAddedSubscription = { notificationAdded: { id: string, title: string, message: string, category: Category, priority: Priority, actionUrl: string | null, read: boolean, archived: boolean, createdAt: string, sendAt: string | null, templateKey: string | null, seen: boolean, snoozedUntil: string | null, tags: Array<string>, actions: Array<{ label: string, url: string, style: ActionStyle }> } };

export type UnreadCountChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type UnreadCountChangedSubscription = { unreadCountChanged: { id: string, count: number, unseen: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const InboxItemFragmentDoc = new TypedDocumentString(`
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}
    `, {"fragmentName":"InboxItem"}) as unknown as TypedDocumentString<InboxItemFragment, unknown>;
export const PreferenceFlagsFragmentDoc = new TypedDocumentString(`
    fragment PreferenceFlags on Preferences {
  id
  userId
  updatedAt
  inAppEnabled
  inAppAccount
  inAppBilling
  inAppMarketing
  inAppSecurity
  inAppSupport
  inAppSystem
  inAppVerification
  emailEnabled
  emailAccount
  emailBilling
  emailMarketing
  emailSecurity
  emailSupport
  emailSystem
  emailVerification
  pushEnabled
  pushAccount
  pushBilling
  pushMarketing
  pushSecurity
  pushSupport
  pushSystem
  pushVerification
  smsEnabled
  smsAccount
  smsBilling
  smsMarketing
  smsSecurity
  smsSupport
  smsSystem
  smsVerification
  templates {
    templateKey
    channel
    enabled
  }
}
    `, {"fragmentName":"PreferenceFlags"}) as unknown as TypedDocumentString<PreferenceFlagsFragment, unknown>;
export const InboxPageDocument = new TypedDocumentString(`
    query InboxPage($first: Int!, $after: String, $filter: NotificationFilter) {
  notifications(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node {
        ...InboxItem
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<InboxPageQuery, InboxPageQueryVariables>;
export const UnreadCountDocument = new TypedDocumentString(`
    query UnreadCount($filter: NotificationFilter) {
  notificationCount(unreadOnly: true, filter: $filter)
}
    `) as unknown as TypedDocumentString<UnreadCountQuery, UnreadCountQueryVariables>;
export const CountsDocument = new TypedDocumentString(`
    query Counts($filter: NotificationFilter) {
  unread: notificationCount(unreadOnly: true, filter: $filter)
  unseen: notificationCount(unseenOnly: true, filter: $filter)
}
    `) as unknown as TypedDocumentString<CountsQuery, CountsQueryVariables>;
export const MarkSeenDocument = new TypedDocumentString(`
    mutation MarkSeen($ids: [ID!]!) {
  markNotificationsSeen(ids: $ids) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<MarkSeenMutation, MarkSeenMutationVariables>;
export const UnarchiveDocument = new TypedDocumentString(`
    mutation Unarchive($id: ID!) {
  unarchiveNotification(id: $id) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<UnarchiveMutation, UnarchiveMutationVariables>;
export const SnoozeDocument = new TypedDocumentString(`
    mutation Snooze($id: ID!, $until: DateTimeISO!) {
  snoozeNotification(id: $id, until: $until) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<SnoozeMutation, SnoozeMutationVariables>;
export const UnsnoozeDocument = new TypedDocumentString(`
    mutation Unsnooze($id: ID!) {
  unsnoozeNotification(id: $id) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<UnsnoozeMutation, UnsnoozeMutationVariables>;
export const ClickActionDocument = new TypedDocumentString(`
    mutation ClickAction($id: ID!, $index: Int!) {
  clickNotificationAction(id: $id, index: $index) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<ClickActionMutation, ClickActionMutationVariables>;
export const MarkReadDocument = new TypedDocumentString(`
    mutation MarkRead($id: ID!) {
  markNotificationRead(id: $id) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<MarkReadMutation, MarkReadMutationVariables>;
export const MarkUnreadDocument = new TypedDocumentString(`
    mutation MarkUnread($id: ID!) {
  markNotificationUnread(id: $id) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<MarkUnreadMutation, MarkUnreadMutationVariables>;
export const ArchiveDocument = new TypedDocumentString(`
    mutation Archive($id: ID!) {
  archiveNotification(id: $id) {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<ArchiveMutation, ArchiveMutationVariables>;
export const MarkAllReadDocument = new TypedDocumentString(`
    mutation MarkAllRead {
  markAllNotificationsRead
}
    `) as unknown as TypedDocumentString<MarkAllReadMutation, MarkAllReadMutationVariables>;
export const TemplateChoicesDocument = new TypedDocumentString(`
    query TemplateChoices {
  templates {
    id
    key
    name
    channels
    critical
  }
}
    `) as unknown as TypedDocumentString<TemplateChoicesQuery, TemplateChoicesQueryVariables>;
export const SetTemplatePreferenceDocument = new TypedDocumentString(`
    mutation SetTemplatePreference($templateKey: String!, $channel: Channel!, $enabled: Boolean!) {
  setTemplatePreference(
    templateKey: $templateKey
    channel: $channel
    enabled: $enabled
  ) {
    ...PreferenceFlags
  }
}
    fragment PreferenceFlags on Preferences {
  id
  userId
  updatedAt
  inAppEnabled
  inAppAccount
  inAppBilling
  inAppMarketing
  inAppSecurity
  inAppSupport
  inAppSystem
  inAppVerification
  emailEnabled
  emailAccount
  emailBilling
  emailMarketing
  emailSecurity
  emailSupport
  emailSystem
  emailVerification
  pushEnabled
  pushAccount
  pushBilling
  pushMarketing
  pushSecurity
  pushSupport
  pushSystem
  pushVerification
  smsEnabled
  smsAccount
  smsBilling
  smsMarketing
  smsSecurity
  smsSupport
  smsSystem
  smsVerification
  templates {
    templateKey
    channel
    enabled
  }
}`) as unknown as TypedDocumentString<SetTemplatePreferenceMutation, SetTemplatePreferenceMutationVariables>;
export const PreferencesDocument = new TypedDocumentString(`
    query Preferences {
  preferences {
    ...PreferenceFlags
  }
}
    fragment PreferenceFlags on Preferences {
  id
  userId
  updatedAt
  inAppEnabled
  inAppAccount
  inAppBilling
  inAppMarketing
  inAppSecurity
  inAppSupport
  inAppSystem
  inAppVerification
  emailEnabled
  emailAccount
  emailBilling
  emailMarketing
  emailSecurity
  emailSupport
  emailSystem
  emailVerification
  pushEnabled
  pushAccount
  pushBilling
  pushMarketing
  pushSecurity
  pushSupport
  pushSystem
  pushVerification
  smsEnabled
  smsAccount
  smsBilling
  smsMarketing
  smsSecurity
  smsSupport
  smsSystem
  smsVerification
  templates {
    templateKey
    channel
    enabled
  }
}`) as unknown as TypedDocumentString<PreferencesQuery, PreferencesQueryVariables>;
export const UpdatePreferencesDocument = new TypedDocumentString(`
    mutation UpdatePreferences($input: PreferencesInput!) {
  updatePreferences(input: $input) {
    ...PreferenceFlags
  }
}
    fragment PreferenceFlags on Preferences {
  id
  userId
  updatedAt
  inAppEnabled
  inAppAccount
  inAppBilling
  inAppMarketing
  inAppSecurity
  inAppSupport
  inAppSystem
  inAppVerification
  emailEnabled
  emailAccount
  emailBilling
  emailMarketing
  emailSecurity
  emailSupport
  emailSystem
  emailVerification
  pushEnabled
  pushAccount
  pushBilling
  pushMarketing
  pushSecurity
  pushSupport
  pushSystem
  pushVerification
  smsEnabled
  smsAccount
  smsBilling
  smsMarketing
  smsSecurity
  smsSupport
  smsSystem
  smsVerification
  templates {
    templateKey
    channel
    enabled
  }
}`) as unknown as TypedDocumentString<UpdatePreferencesMutation, UpdatePreferencesMutationVariables>;
export const NotificationAddedDocument = new TypedDocumentString(`
    subscription NotificationAdded {
  notificationAdded {
    ...InboxItem
  }
}
    fragment InboxItem on Notification {
  id
  title
  message
  category
  priority
  actionUrl
  read
  archived
  createdAt
  sendAt
  templateKey
  seen
  snoozedUntil
  tags
  actions {
    label
    url
    style
  }
}`) as unknown as TypedDocumentString<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const UnreadCountChangedDocument = new TypedDocumentString(`
    subscription UnreadCountChanged {
  unreadCountChanged {
    id
    count
    unseen
  }
}
    `) as unknown as TypedDocumentString<UnreadCountChangedSubscription, UnreadCountChangedSubscriptionVariables>;
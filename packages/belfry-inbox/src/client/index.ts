/**
 * The typed headless client: `import { createBelfryClient } from '@belfry/inbox/client'`.
 * It has no UI and no Lit; the <belfry-inbox> element is built on it.
 */
export {
  createBelfryClient,
  filterOf,
  hasAnyTag,
  type BelfryClient,
  type BelfryClientOptions,
  type InboxCounts,
  type InboxItem,
  type InboxPage,
  type InboxView,
  type LiveHandlers,
  type PreferenceFlags,
  type TemplateChoice,
} from './create-client.js';
export { BelfryError, endpointsOf, type TypedDocument } from './http.js';
export { retryDelay, type LiveSink, type LiveStatus } from './live.js';
export * from './generated/graphql.js';

/**
 * `import '@belfry/inbox'` defines <belfry-inbox>; the headless client is also at
 * '@belfry/inbox/client'.
 */
import './element/define.js';

export { BelfryInboxElement } from './element/belfry-inbox.js';
export { badgeText, relativeTime, resolveLocale, stringsFor, type Strings } from './element/strings.js';
export * from './client/index.js';

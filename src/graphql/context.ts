import type { Principal } from '../auth/principal.js';
import type { RequestLoaders } from './request-loaders.js';

/** Per-operation context: who is calling, and the batching loaders of this operation. Identity never comes from arguments. */
export interface GraphQLContext {
  readonly principal: Principal;
  readonly loaders: RequestLoaders;
}

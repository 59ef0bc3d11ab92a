import type { Principal } from '../auth/principal.js';

/** Per-operation context: who is calling. Identity never comes from arguments. */
export interface GraphQLContext {
  readonly principal: Principal;
}

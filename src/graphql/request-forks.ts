import type { EntityManager } from '@mikro-orm/sql';
import type { GraphQLContext } from './context.js';

/**
 * One EntityManager fork per GraphQL operation, made when a resolver first asks for it and
 * shared by every resolver of that operation: an item loaded to check who may see it is the
 * same object the mutation then changes, instead of being read again through a fork of its
 * own. Keyed by the operation's context object, which the HTTP handler makes per request
 * and the WebSocket server per subscription; the fork goes when the context does.
 */
//
// Not yet moved to it: templates, events and the delivery records still fork inside each
// service method. Templates first need care: a create whose flush fails (duplicate key)
// leaves the new entity in the fork, and a later flush in the same operation would try it
// again, so the service must detach it before sharing a fork is safe. The send path
// (SendService) keeps its own fork and transaction on purpose, as does the loaders' batch
// read (a subscription's context lives long; each batch reads fresh).
export class RequestForks {
  private readonly forks = new WeakMap<GraphQLContext, EntityManager>();

  constructor(private readonly em: EntityManager) {}

  /** The fork of the operation `context` belongs to. */
  of(context: GraphQLContext): EntityManager {
    let fork = this.forks.get(context);
    if (!fork) {
      fork = this.em.fork();
      this.forks.set(context, fork);
    }
    return fork;
  }
}

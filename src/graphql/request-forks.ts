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
// Every resolver reads through it (inbox, preferences, recipients, templates, events, deliveries).
// Three kinds of work keep a fork of their own on purpose: the send path (SendService: its own
// transaction), template writes (a failed insert or refused change must not stay queued in the
// operation's unit of work), and the loaders' batch reads (a subscription's context lives long;
// each batch reads fresh).
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

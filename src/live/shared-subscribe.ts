import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { mapAsyncIterator } from './map-async-iterator.js';

/**
 * The parts of the context a resolver below `Subscription` may read (`@Ctx('loaders')`).
 * A shared execution runs with one subscriber's context for all of them, so only what is
 * the same for every caller is safe: the loaders are made without the caller, cache
 * nothing (see RequestLoaders) and look up ids of an event the topic has already gated.
 * The principal is not: a resolver that needs it belongs at subscribe time (topicId).
 */
export const SHARED_CONTEXT_KEYS: ReadonlySet<string> = new Set(['loaders'] satisfies (keyof GraphQLContext)[]);

/**
 * graphql's `subscribe`, with one difference: an event is executed once per distinct
 * (document, variables) and the result shared by every subscriber that asked the same,
 * instead of once per subscriber. Thousands of sockets watching one user's inbox then cost
 * one execution per event, not thousands. Safe because subscription payloads are resolved
 * from the event alone: access is decided when subscribing (type-graphql's topicId), and
 * no field resolver below a subscription reads the caller's context beyond
 * {@link SHARED_CONTEXT_KEYS} (subscription-context.test.ts walks the schema to hold that).
 */
export async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  // Documents come from the DocumentCache, so one operation text is one document object.
  const key = `${documentId(args.document)}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  return mapAsyncIterator(source, (payload: unknown) => executeOnce(payload, key, args));
}

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
  return id;
}

const results = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();

function executeOnce(payload: unknown, key: string, args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> {
  if (payload === null || typeof payload !== 'object') return execute({ ...args, rootValue: payload });
  let byDocument = results.get(payload);
  if (!byDocument) results.set(payload, (byDocument = new Map<string, ExecutionResult | Promise<ExecutionResult>>()));
  let result = byDocument.get(key);
  if (!result) {
    result = execute({ ...args, rootValue: payload });
    byDocument.set(key, result);
  }
  return result;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value != null && typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

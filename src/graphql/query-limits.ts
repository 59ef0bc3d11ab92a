import { GraphQLError, Kind, specifiedRules, validate, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/** The deepest selection an operation may have; Belfry's own types nest far less. */
export const MAX_QUERY_DEPTH = 12;
/** Aliases multiply work (the same field asked many times); a page of the inbox needs a few. */
export const MAX_ALIASES = 30;

/**
 * Refuses operations nested deeper than {@link MAX_QUERY_DEPTH} or with more than
 * {@link MAX_ALIASES} aliases. Applied to HTTP and WebSocket alike.
 */
export const queryLimitsRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  const fragments = new Map<string, FragmentDefinitionNode>(
    context.getDocument().definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === MAX_ALIASES + 1) {
        context.reportError(new GraphQLError(`Too many aliases: at most ${MAX_ALIASES} per operation`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      }
    },
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > MAX_QUERY_DEPTH) {
        context.reportError(new GraphQLError(`Query is nested ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      }
    },
  };
};

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (__schema, __type) is deep by design and bounded by the schema itself; GraphiQL needs it.
      const descend = selection.selectionSet && !selection.name.value.startsWith('__');
      deepest = Math.max(deepest, descend ? 1 + depthOf(selection.selectionSet, fragments, visiting) : 1);
    }
    else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, visiting));
    else if (!visiting.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      visiting.add(selection.name.value);
      deepest = Math.max(deepest, depthOf(fragment?.selectionSet, fragments, visiting));
      visiting.delete(selection.name.value);
    }
  }
  return deepest;
}

/** graphql's validate with Belfry's limits added (for graphql-ws, which validates on its own). */
export function validateWithLimits(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, queryLimitsRule]);
}

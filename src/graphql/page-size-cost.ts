import {
  BREAK,
  GraphQLError,
  Kind,
  TypeInfo,
  getOperationAST,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { costRule, MAX_COST } from './query-limits.js';

/** Arguments graphql-armor's cost rule multiplies a list field's subtree by. */
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

/**
 * The cost limit again, with the page sizes the operation will really use. graphql-armor's
 * cost rule only sees literal `first: 100`: a page size passed as a variable (`first: $n`)
 * or left to its default counts as 1 at validation time, so 30 aliases of
 * `notifications(first: $n)` with n = 100 passed it. Here each such argument is replaced by
 * the variable's value (or its default) and each omitted one by the argument's default,
 * and the same rule runs on the result. Used by HTTP (an Apollo plugin) and graphql-ws
 * (onSubscribe) once variables are known. `maxCost`: see maxCostFor.
 */
export function pageSizeCostErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  operationName?: string | null,
  maxCost = MAX_COST,
): readonly GraphQLError[] {
  let needed = bindingNeeded.get(document);
  if (needed === undefined) {
    needed = hasPageSizesToBind(schema, document);
    bindingNeeded.set(document, needed);
  }
  if (!needed) return [];
  return validate(schema, withPageSizes(schema, document, variables ?? {}, operationName), [costRule(maxCost)]);
}

/** Whether a document has any page size to bind; documents are shared (Apollo's document store, DocumentCache). */
const bindingNeeded = new WeakMap<DocumentNode, boolean>();

/** Whether any list field's page size is a variable or left to its default. */
function hasPageSizesToBind(schema: GraphQLSchema, document: DocumentNode): boolean {
  let found = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        for (const argument of definition?.args ?? []) {
          if (!PAGE_SIZE_ARGUMENTS.includes(argument.name)) continue;
          const given = node.arguments?.find((candidate) => candidate.name.value === argument.name);
          if (given ? given.value.kind === Kind.VARIABLE : typeof argument.defaultValue === 'number') {
            found = true;
            return BREAK;
          }
        }
        return undefined;
      },
    }),
  );
  return found;
}

function withPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  operationName?: string | null,
): DocumentNode {
  const operation = getOperationAST(document, operationName);
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation?.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node): FieldNode | undefined {
        const definition = typeInfo.getFieldDef();
        if (!definition) return undefined;
        let args: ArgumentNode[] | undefined;
        for (const name of PAGE_SIZE_ARGUMENTS) {
          const argument = definition.args.find((candidate) => candidate.name === name);
          if (!argument) continue;
          const given = node.arguments?.find((candidate) => candidate.name.value === name);
          let size: unknown;
          if (!given) size = argument.defaultValue;
          else if (given.value.kind === Kind.VARIABLE) {
            const variable = given.value.name.value;
            const fallback = defaults.get(variable);
            size =
              variable in variables
                ? variables[variable]
                : fallback?.kind === Kind.INT
                  ? Number(fallback.value)
                  : undefined;
          }
          if (typeof size !== 'number' || !Number.isInteger(size)) continue;
          args ??= [...(node.arguments ?? [])];
          const literal: ArgumentNode = {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: name },
            value: { kind: Kind.INT, value: String(size) },
          };
          const index = args.findIndex((candidate) => candidate.name.value === name);
          if (index >= 0) args[index] = literal;
          else args.push(literal);
        }
        return args ? { ...node, arguments: args } : undefined;
      },
    }),
  );
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { pageSizeCostErrors } from '../graphql/page-size-cost.js';

/**
 * Refuses an operation whose cost, with its variables' page sizes, is over the limit
 * (see pageSizeCostErrors), before it runs: HTTP 400, GRAPHQL_VALIDATION_FAILED.
 */
export function pageSizeCostPlugin<Context extends BaseContext>(maxCost?: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const [error] = pageSizeCostErrors(schema, document, request.variables, operationName, maxCost);
          if (error)
            throw new GraphQLError(error.message, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
        },
      };
    },
  };
}

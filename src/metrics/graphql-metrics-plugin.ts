import type { ApolloServerPlugin } from '@apollo/server';
import type { BelfryMetrics } from './belfry-metrics.js';
import { OperationNames } from './operation-names.js';

/**
 * Times every GraphQL operation over HTTP and records it by name, type and outcome: `ok`, or
 * the first error's code (`BAD_USER_INPUT`, `UNAUTHENTICATED`, `GRAPHQL_VALIDATION_FAILED`, …),
 * including requests refused before they ran (parse or validation errors).
 */
export function graphqlMetricsPlugin(metrics: BelfryMetrics): ApolloServerPlugin {
  const names = new OperationNames();
  return {
    // Apollo requires the hook to be async.

    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const first = errors?.[0] ?? body?.errors?.[0];
          const code = first?.extensions?.code;
          metrics.observeOperation(
            names.label(operationName),
            operation?.operation ?? 'unknown',
            first ? (typeof code === 'string' ? code : 'error') : 'ok',
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

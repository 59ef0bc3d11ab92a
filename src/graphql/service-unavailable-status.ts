import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Answers HTTP 503 with Retry-After when an error of the response is SERVICE_UNAVAILABLE.
 * Apollo takes a status only from `extensions.http` of the errors thrown, but a database
 * outage surfaces as whatever the driver threw; it is recognized when errors are formatted
 * (formatErrorForClient), so the status is set here, on the formatted response.
 */
export function serviceUnavailableStatus<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors =
            response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          if (!errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

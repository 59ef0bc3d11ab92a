// The server process: configuration → Belfry → signal handling. Loaded by main.ts (see why there).
import { startBelfry, DEMO_USER } from './app.js';
import { signUserToken } from './auth/dev-credentials.js';
import { loadConfig } from './config/load-config.js';
import { ConfigError, type Config } from './config/settings.js';
import { createLogger } from './logger.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const belfry = await startBelfry(config, logger).catch((error: unknown) => {
  // Problems the operator fixes in the environment get one line that says how, not a stack trace.
  const advice =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : listenAdvice(error, config.port, config.host);
  if (advice) console.error(advice);
  else logger.fatal({ err: error }, 'Belfry failed to start');
  process.exit(1);
});

logger.info({ url: `${belfry.url}/graphql`, database: belfry.database.kind, role: config.role }, 'Belfry is ready');
if (belfry.devCredentials && config.role !== 'worker') {
  const userToken = await signUserToken(belfry.devCredentials.jwtSecret, DEMO_USER);
  // Printed, not logged: development credentials for a human at a terminal.
  console.log(
    [
      '',
      config.dataDir === 'memory://'
        ? 'Development mode: no API_KEYS / JWT_* configured, so these were generated for this run only (DATA_DIR=memory://).'
        : 'Development mode: no API_KEYS / JWT_* configured, so these were generated and kept in DATA_DIR.',
      `  API key (service):          ApiKey ${belfry.devCredentials.apiKey}`,
      `  User token (sub=${DEMO_USER}):  Bearer ${userToken}`,
      `  Demo bell: ${belfry.url}/   GraphiQL: ${belfry.url}/graphiql/`,
      '',
    ].join('\n'),
  );
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    belfry.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  });
}

/** What to do when the server cannot listen on PORT/HOST; undefined for any other error. */
function listenAdvice(error: unknown, port: number, host: string): string | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return `Port ${port} is already in use: set PORT to a free port`;
    case 'EACCES':
      return `Port ${port} needs privileges this user lacks: set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: set HOST (0.0.0.0 listens on all)`;
    default:
      return undefined;
  }
}

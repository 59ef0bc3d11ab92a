import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** The process logger (JSON lines on stdout unless `destination` is given). Credentials are redacted wherever they could appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'authorization',
        'headers.authorization',
        'req.headers.authorization',
        'connectionParams',
        'apiKey',
        'token',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

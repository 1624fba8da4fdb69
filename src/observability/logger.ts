import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear, so a token never reaches a log line. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'signingSecret',
  '*.signingSecret',
  'alertmanagerToken',
  '*.alertmanagerToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'headers["x-slack-signature"]',
  'redis.url',
  '*.redis.url',
  'routingKey',
  '*.routingKey',
  'routingKeys',
  '*.routingKeys',
  'smtpUrl',
  '*.smtpUrl',
];

/**
 * Lines for a person: times, messages first, colours on a terminal (pino-pretty, synchronous so a
 * crash loses no line). Production keeps JSON for the log pipeline.
 */
export function prettyDestination(): pino.DestinationStream {
  return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' });
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'vigie' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

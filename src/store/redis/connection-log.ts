import type { Redis } from 'ioredis';
import type { Logger } from '../../observability/logger';

/** While Redis stays unreachable, the same problem is logged again at most this often. */
export const REPEAT_LOG_MS = 30_000;

/** Answers that mean the credentials in REDIS_URL are wrong: waiting will not fix them. */
const AUTH_ERRORS = /WRONGPASS|NOAUTH|invalid username-password|ERR AUTH/i;

/**
 * Logs a connection's trouble for a person: once when it starts (an authentication refusal says to
 * fix REDIS_URL), then at most every 30 s while it lasts with the number of attempts, and once when
 * Redis answers again — never a line per reconnection attempt, never a stack trace. Also keeps
 * ioredis from printing "Unhandled error event" itself.
 */
export function logConnection(redis: Redis, name: string, logger: Logger): void {
  let failing: { since: number; lastLogged: number; attempts: number; message: string } | undefined;
  redis.on('error', (error: Error) => {
    const now = Date.now();
    const message = error.message;
    if (failing === undefined || failing.message !== message) {
      failing = { since: now, lastLogged: now, attempts: 1, message };
      if (AUTH_ERRORS.test(message))
        logger.error(
          { connection: name, err: message },
          'redis: authentication refused — fix the user or password in REDIS_URL (retrying meanwhile)',
        );
      else logger.error({ connection: name, err: message }, 'redis: unreachable (retrying with backoff)');
      return;
    }
    failing.attempts += 1;
    if (now - failing.lastLogged >= REPEAT_LOG_MS) {
      failing.lastLogged = now;
      logger.error(
        { connection: name, err: message, attempts: failing.attempts, sinceMs: now - failing.since },
        'redis: still unreachable',
      );
    }
  });
  redis.on('ready', () => {
    if (failing === undefined) return;
    logger.info(
      { connection: name, downMs: Date.now() - failing.since, attempts: failing.attempts },
      'redis: reachable again',
    );
    failing = undefined;
  });
}

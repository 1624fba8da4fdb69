import type { Logger } from './logger';
import type { Metrics } from './metrics';

/**
 * The last line of defence: an error nothing caught is logged and counted, and Vigie keeps serving.
 * An incident bot that dies takes every card, page and deadline with it; a bug in one request must not.
 */
export function installProcessGuard(logger: Logger, metrics: Metrics): void {
  process.on('uncaughtException', (error: Error) => {
    metrics.unexpectedErrors.inc({ kind: 'exception' });
    logger.error({ err: error.message, stack: error.stack }, 'unexpected error: logged, Vigie keeps serving');
  });
  process.on('unhandledRejection', (reason: unknown) => {
    metrics.unexpectedErrors.inc({ kind: 'rejection' });
    const error = reason instanceof Error ? reason : new Error(String(reason));
    logger.error(
      { err: error.message, stack: error.stack },
      'unexpected rejection: logged, Vigie keeps serving',
    );
  });
}

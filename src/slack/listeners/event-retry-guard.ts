import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../observability/logger';
import type { OnceGuard } from '../../store/store';

/** Slack re-sends an event it thinks we missed (X-Slack-Retry-Num); acting on it twice is not an option. */
const EVENT_MEMORY_MS = 60 * 60_000;

/**
 * Events API deliveries are at-least-once: an event id seen before (by any replica, through the
 * store) is acknowledged and dropped before any listener runs.
 */
export function eventRetryGuard(once: OnceGuard, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const eventId = (args.body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await once.firstTime(`slack-event:${eventId}`, EVENT_MEMORY_MS))) {
      logger.info({ eventId }, 'slack: duplicate event delivery ignored');
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    await args.next();
  };
}

import type { Clock } from '../incidents/ports';
import type { Logger } from '../observability/logger';
import { QueueWorker } from '../store/queue-worker';
import type { Store } from '../store/store';
import type { PostmortemPublisher } from './postmortem-publisher';
import { parsePostmortemMember, POSTMORTEM_QUEUE } from './postmortem-work';

/** The worker that shares each resolved incident's post-mortem draft in its card's thread, once. */
export function createPostmortemWorker(deps: {
  store: Store;
  publisher: PostmortemPublisher;
  clock: Clock;
  logger: Logger;
}): QueueWorker {
  const logger = deps.logger.child({ component: 'postmortem' });
  return new QueueWorker({
    name: 'postmortem',
    queue: deps.store.queue(POSTMORTEM_QUEUE),
    clock: deps.clock,
    logger,
    handle: async (work) => {
      const item = parsePostmortemMember(work.member);
      if (item === undefined) {
        logger.error({ member: work.member }, 'post-mortem queue: unreadable item dropped');
        return 'done';
      }
      const incident = await deps.store.incidents.get(item.incidentId);
      return incident === null ? 'done' : deps.publisher.publish(incident);
    },
  });
}

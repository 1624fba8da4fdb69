import type { Clock } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { QueueWorker } from '../store/queue-worker';
import type { Store } from '../store/store';
import { VERIFY_QUEUE } from './verification-effects';
import { Verifier } from './verifier';

/** The worker that gives each mitigation's verdict when its window ends (durable, replica-safe timers). */
export function createVerifier(deps: {
  store: Store;
  service: IncidentService;
  prometheusUrl: string | undefined;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}): QueueWorker {
  const logger = deps.logger.child({ component: 'verification' });
  const verifier = new Verifier({
    incidents: deps.store.incidents,
    audit: deps.store.audit,
    service: deps.service,
    prometheusUrl: deps.prometheusUrl,
    clock: deps.clock,
    logger,
    metrics: deps.metrics,
  });
  return new QueueWorker({
    name: 'verification',
    queue: deps.store.queue(VERIFY_QUEUE),
    clock: deps.clock,
    logger,
    handle: (work) => verifier.handle(work),
  });
}

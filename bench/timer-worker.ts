/** A bench replica: fires escalation timers from Redis (no Slack, no delivery), like Vigie's timer worker. */
import { Writable } from 'node:stream';
import { escalationEffects } from '../src/escalation/effects';
import { TimerFirer } from '../src/escalation/timer-firer';
import { TIMER_QUEUE } from '../src/escalation/work-items';
import { systemClock } from '../src/incidents/ports';
import { IncidentService } from '../src/incidents/service';
import { createLogger } from '../src/observability/logger';
import { QueueWorker } from '../src/store/queue-worker';
import { createRedisStore } from '../src/store/redis/redis-store';

async function main(): Promise<void> {
  const [redisUrl = '', prefix = ''] = process.argv.slice(2);
  const store = createRedisStore(redisUrl, prefix);
  await store.connect();
  const logger = createLogger('error', new Writable({ write: (_c, _e, done) => done() }));
  const service = new IncidentService({
    repository: store.incidents,
    clock: systemClock,
    publish: () => undefined,
    effects: escalationEffects,
  });
  const firer = new TimerFirer(
    service,
    logger,
    () => undefined,
    () => Date.now(),
  );
  const worker = new QueueWorker({
    name: 'bench-timers',
    queue: store.queue(TIMER_QUEUE),
    clock: systemClock,
    logger,
    handle: (w) => firer.handle(w),
    batch: 100,
  });
  worker.start();
  process.on('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
}

void main();

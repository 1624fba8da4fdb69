import { createEscalation } from './escalation/create-escalation';
import type { EscalationSetup } from './escalation/create-escalation';
import type { EscalationEngine } from './escalation/escalation-engine';
import { createPostmortemWorker } from './postmortem/create-postmortem-worker';
import type { PostmortemPublisher } from './postmortem/postmortem-publisher';
import type { RunbookRegistry } from './runbooks/registry';
import { createCardSync } from './slack/create-card-sync';
import type { PeopleDirectory } from './slack/people-directory';
import type { SloTracker } from './slo/slo-tracker';
import type { QueueWorker } from './store/queue-worker';
import { createVerifier } from './verification/create-verifier';
import { VERIFY_QUEUE } from './verification/verification-effects';
import { OUTBOX_QUEUE, TIMER_QUEUE } from './escalation/work-items';
import type { DurableWork } from './incidents/ports';
import { POSTMORTEM_QUEUE } from './postmortem/postmortem-work';
import type { Wakeable } from './wake-workers';
import { wakeWorkers } from './wake-workers';

/**
 * What one process's background work needs (`store` and `service` are the background ones): the
 * escalation's setup, less what is derived here, with what the card, post-mortem and verification
 * workers need besides.
 */
export interface BackgroundSetup extends Omit<
  EscalationSetup,
  'contacts' | 'people' | 'timing' | 'postmortem'
> {
  registry: RunbookRegistry;
  people: PeopleDirectory;
  postmortems: PostmortemPublisher;
  slo: SloTracker;
  prometheusUrl: string | undefined;
  escalationTiming: { leaseMs?: number; pollMs?: number } | undefined;
  cardSyncTiming: { pollMs?: number; leaseMs?: number } | undefined;
}

/** The workers behind the incidents: deadlines and deliveries, cards, post-mortems, verifications. */
export interface BackgroundWorkers {
  escalation: EscalationEngine;
  cardSync: QueueWorker;
  /** A save made in this process has work for them: they look at once, not at their next poll. */
  wake(work: DurableWork): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createBackgroundWorkers(setup: BackgroundSetup): BackgroundWorkers {
  const { store, service, clock, logger, metrics } = setup;
  const escalation = createEscalation({
    store,
    service,
    contacts: setup.runbooks.contacts,
    runbooks: setup.runbooks,
    people: setup.people,
    transport: setup.transport,
    messageLink: setup.messageLink,
    escalationChannel: setup.escalationChannel,
    locale: setup.locale,
    clock,
    logger,
    metrics,
    pagerduty: setup.pagerduty,
    email: setup.email,
    postmortem: (incident) => setup.postmortems.publish(incident),
    ...(setup.escalationTiming === undefined ? {} : { timing: setup.escalationTiming }),
  });
  const cardSync = createCardSync({
    store,
    transport: setup.transport,
    registry: setup.registry,
    runbooks: setup.runbooks,
    slo: setup.slo,
    locale: setup.locale,
    clock,
    logger,
    metrics,
    ...(setup.cardSyncTiming === undefined ? {} : { timing: setup.cardSyncTiming }),
  });
  const postmortems = createPostmortemWorker({ store, publisher: setup.postmortems, clock, logger });
  const verifier = createVerifier({
    store,
    service,
    prometheusUrl: setup.prometheusUrl,
    clock,
    logger,
    metrics,
  });
  const queues = [cardSync, postmortems, verifier];
  const byQueue = new Map<string, Wakeable>([
    [TIMER_QUEUE, escalation.engine],
    [OUTBOX_QUEUE, escalation.engine],
    [POSTMORTEM_QUEUE, postmortems],
    [VERIFY_QUEUE, verifier],
  ]);
  return {
    escalation: escalation.engine,
    cardSync,
    wake: (work) => wakeWorkers(work, clock.now(), cardSync, byQueue),
    // Deadlines first: the reconciler re-arms every open incident's timers before the card, post-mortem
    // and verification workers start competing for the process (a restart in a storm has thousands).
    start: async () => {
      await escalation.engine.start();
      for (const worker of queues) worker.start();
    },
    // Deliveries waiting to retry stop waiting (they are kept for later); each worker finishes what it
    // holds; then the connections to PagerDuty and the mail server close.
    stop: async () => {
      escalation.interrupt();
      await escalation.engine.stop();
      for (const worker of queues) await worker.stop();
      await escalation.close();
    },
  };
}

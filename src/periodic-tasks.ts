import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Clock, IncidentRepository } from './incidents/ports';
import type { Logger } from './observability/logger';
import type { PostmortemPublisher } from './postmortem/postmortem-publisher';
import type { SloTracker } from './slo/slo-tracker';

/** The node-cron work outside escalation: the error budget every minute, the post-incident reminder. */
export function startPeriodicTasks(deps: {
  slo: SloTracker;
  postmortems: PostmortemPublisher;
  incidents: IncidentRepository;
  clock: Clock;
  logger: Logger;
  reminderCron: string;
  /** Fails mitigation runs whose replica died (see responders/stale-runs). */
  sweepStaleRuns: () => Promise<number>;
}): { stop(): Promise<void> } {
  const remind = () =>
    void deps.postmortems
      .remindFollowups(deps.incidents, deps.clock.now())
      .catch((error: Error) => deps.logger.error({ err: error.message }, 'post-incident reminder failed'));
  const tasks: ScheduledTask[] = [
    cron.schedule('* * * * *', () => void deps.slo.refresh(), { name: 'vigie-slo' }),
    cron.schedule(
      '* * * * *',
      () =>
        void deps
          .sweepStaleRuns()
          .catch((error: Error) =>
            deps.logger.error({ err: error.message }, 'stale mitigation sweep failed'),
          ),
      { name: 'vigie-stale-runs' },
    ),
    cron.schedule(deps.reminderCron, remind, { name: 'vigie-followups' }),
  ];
  return {
    stop: async () => {
      for (const task of tasks) await task.stop();
    },
  };
}

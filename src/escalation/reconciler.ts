import { pendingTimers } from '../incidents/escalation-plan';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { WorkQueue } from '../store/store';
import { timerMember } from './work-items';

/** Open incidents read per page: thousands of open incidents are never all in memory at once. */
const PAGE = 500;

/**
 * Re-arms every open incident's pending timers from its state: on start (a stop longer than a deadline
 * fires it at once) and periodically (work lost to a Redis without persistence comes back). Arming
 * twice is harmless: the queue keeps the earliest due time and the domain fires a step once per phase.
 * Pages of open incidents, each page's timers armed in one write.
 */
export async function reconcileTimers(
  incidents: IncidentRepository,
  timers: WorkQueue,
  clock: Clock,
): Promise<number> {
  const now = clock.now();
  let armed = 0;
  for await (const page of incidents.openPages(PAGE)) {
    const due = page.flatMap((incident) =>
      pendingTimers(incident, now).map(({ step, dueAt }) => ({
        member: timerMember({ incidentId: incident.id, stepId: step.id, generation: incident.generation }),
        dueAt,
      })),
    );
    await timers.scheduleMany(due);
    armed += due.length;
  }
  return armed;
}

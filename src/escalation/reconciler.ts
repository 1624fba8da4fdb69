import { pendingTimers } from '../incidents/escalation-plan';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { WorkQueue } from '../store/store';
import { timerMember } from './work-items';

/**
 * Re-arms every open incident's pending timers from its state: on start (a stop longer than a deadline
 * fires it at once) and periodically (work lost to a Redis without persistence comes back). Arming
 * twice is harmless: the queue keeps the earliest due time and the domain fires a step once per phase.
 */
export async function reconcileTimers(
  incidents: IncidentRepository,
  timers: WorkQueue,
  clock: Clock,
): Promise<number> {
  const now = clock.now();
  let armed = 0;
  for (const incident of await incidents.listOpen()) {
    for (const { step, dueAt } of pendingTimers(incident, now)) {
      await timers.schedule(
        timerMember({ incidentId: incident.id, stepId: step.id, generation: incident.generation }),
        dueAt,
      );
      armed += 1;
    }
  }
  return armed;
}

import type { IncidentEvent } from '../incidents/types';
import type { Logger } from './logger';

/** One log line per incident opened, reopened or resolved. */
export function logLifecycle(logger: Logger, events: IncidentEvent[]): void {
  for (const event of events) {
    if (
      event.type === 'incident_opened' ||
      event.type === 'incident_resolved' ||
      event.type === 'incident_reopened'
    ) {
      const { id, policy, severity } = event.incident;
      logger.info({ incident: id, runbook: policy.runbookId, severity }, `incident: ${event.type}`);
    }
  }
}

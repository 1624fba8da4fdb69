import type { IncidentPolicy } from '../incidents/types';
import type { Runbook } from './schema';

/** What a runbook decides for an incident, to be frozen onto it when it opens. */
export function runbookPolicy(runbook: Runbook): IncidentPolicy {
  return {
    runbookId: runbook.id,
    title: runbook.title,
    severity: runbook.severity,
    channels: runbook.channels.slack,
    autoResolve: runbook.incident.auto_resolve,
    reopenWindowMs: runbook.incident.reopen_window,
    itemLabel: runbook.incident.item_label,
  };
}

import { sortedAlerts } from '../incidents/alert-merge';
import type { Incident } from '../incidents/types';
import type { TemplateScope } from './template';

/** The variables a runbook template sees for an incident: the labels and annotations of its first alert. */
export function incidentScope(incident: Incident, urls: Record<string, string>): TemplateScope {
  const first = sortedAlerts(incident.alerts, incident.policy.itemLabel)[0];
  return {
    labels: { ...incident.groupLabels, ...first?.labels },
    annotations: first?.annotations ?? {},
    incident: { id: incident.id, runbook: incident.policy.runbookId ?? 'unmapped' },
    urls,
  };
}

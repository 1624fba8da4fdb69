import type { AlertRecord, Incident } from '../incidents/types';
import type { TemplateScope } from './template';

/**
 * The variables a runbook template sees for an incident: the labels and annotations of its first
 * alert in card order (`listAlerts(id, 1)`), over its grouping labels.
 */
export function incidentScope(
  incident: Incident,
  first: AlertRecord | undefined,
  urls: Record<string, string>,
): TemplateScope {
  return {
    labels: { ...incident.groupLabels, ...first?.labels },
    annotations: first?.annotations ?? {},
    incident: { id: incident.id, runbook: incident.policy.runbookId ?? 'unmapped' },
    urls,
  };
}

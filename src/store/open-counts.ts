import type { Incident } from '../incidents/types';

/** The open-incident gauge's key for an incident: its runbook and severity. */
export const gaugeField = (incident: Incident): string =>
  `${incident.policy.runbookId ?? 'unmapped'}|${incident.severity}`;

export function splitGaugeField(field: string): { runbook: string; severity: string } {
  const at = field.lastIndexOf('|');
  return { runbook: field.slice(0, at), severity: field.slice(at + 1) };
}

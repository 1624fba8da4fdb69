import type { Runbook } from '../runbooks/schema';

/** Example values for the labels the seed runbooks group and list by. */
const EXAMPLE_LABELS: Record<string, string> = {
  service: 'backend-api',
  env: 'prod',
  path: '/api/v1/planning',
  connector: 'google',
  org: 'org-4711',
};

const SERVICE_BY_RUNBOOK: Record<string, string> = {
  'calendar.queue': 'calendar-sync',
  'audit.job.failure': 'audit',
};

/**
 * The body Alertmanager would send for a runbook's alert (payload v4), with example labels: the
 * sandbox's « Simuler une alerte » fires it through POST /alerts like the real thing.
 */
export function simulatedAlert(
  runbook: Runbook,
  status: 'firing' | 'resolved',
  startsAt: string,
  now: string,
): string {
  const labelNames = [
    ...runbook.incident.group_by,
    ...(runbook.incident.item_label === undefined ? [] : [runbook.incident.item_label]),
  ];
  const labels: Record<string, string> = {
    alertname: runbook.trigger.alertnames[0] ?? runbook.id,
    runbook: runbook.id,
    severity: runbook.severity.toLowerCase(),
    ...Object.fromEntries(labelNames.map((name) => [name, EXAMPLE_LABELS[name] ?? 'exemple'])),
  };
  // The services that raise these alerts in the real fixtures.
  const service = SERVICE_BY_RUNBOOK[runbook.id];
  if (service !== undefined && 'service' in labels) labels.service = service;
  // « … sur l'API — /api/v1/planning »: the title may already say « sur », the item follows a dash.
  const item =
    runbook.incident.item_label === undefined ? '' : ` — ${labels[runbook.incident.item_label] ?? ''}`;
  const alert = {
    status,
    labels,
    annotations: {
      summary: `${runbook.title}${item} (simulation)`,
      description: runbook.trigger.description,
    },
    startsAt,
    endsAt: status === 'resolved' ? now : '0001-01-01T00:00:00Z',
    generatorURL: `http://prometheus.sandbox:9090/graph?g0.expr=${encodeURIComponent(runbook.trigger.expr)}`,
    fingerprint: `sandbox-${runbook.id.replace(/\W/g, '-')}`,
  };
  const groupLabels = Object.fromEntries(
    ['runbook', ...runbook.incident.group_by].map((n) => [n, labels[n] ?? '']),
  );
  return JSON.stringify({
    receiver: 'vigie',
    status,
    alerts: [alert],
    groupLabels,
    commonLabels: labels,
    commonAnnotations: alert.annotations,
    externalURL: 'http://alertmanager.sandbox:9093',
    version: '4',
    groupKey: `{}:${JSON.stringify(groupLabels)}`,
    truncatedAlerts: 0,
  });
}

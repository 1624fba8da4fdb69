/** How Alertmanager names the group a notification is for. */
export interface NotifiedGroup {
  groupKey: string;
  groupLabels?: Record<string, string>;
  commonLabels?: Record<string, string>;
}

/** The group the shipped route makes of one service's api.5xx alerts (deploy/alertmanager). */
export const apiGroup = (service: string): NotifiedGroup => ({
  groupKey: `{}:{runbook="api.5xx", service="${service}"}`,
  groupLabels: { runbook: 'api.5xx', service },
  commonLabels: { alertname: 'ApiHttp5xxErrors', runbook: 'api.5xx', service },
});

/** A firing notification's body, as Alertmanager posts it to a webhook receiver (version 4). */
export function webhookBody(alerts: object[], group: NotifiedGroup): string {
  return JSON.stringify({
    receiver: 'vigie',
    status: 'firing',
    alerts,
    groupLabels: group.groupLabels ?? {},
    commonLabels: group.commonLabels ?? {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.jmd.example:9093',
    version: '4',
    groupKey: group.groupKey,
    truncatedAlerts: 0,
  });
}

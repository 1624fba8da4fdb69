import type { AlertGroup, AlertRecord, IncidentPolicy, Severity } from '../incidents/types';
import type { RunbookRegistry } from '../runbooks/registry';
import type { PolicyWords } from '../runbooks/incident-policy';
import { runbookPolicy } from '../runbooks/incident-policy';
import type { WebhookAlert, WebhookPayload } from './payload';
import { ZERO_TIME } from './payload';

/** Labels that group alerts matching no runbook: one "unmapped" incident per alert name, service and env. */
const UNMAPPED_GROUP_BY = ['alertname', 'service', 'env'];
const UNMAPPED_REOPEN_WINDOW_MS = 30 * 60_000;

export interface GroupingOptions {
  registry: RunbookRegistry;
  /** Where cards of alerts that match no runbook go. */
  defaultChannel: string;
  /** Vigie's own words in the policies it freezes, in the deployment's language. */
  words: PolicyWords;
}

function severityFromLabel(value: string | undefined): Severity {
  const normalized = (value ?? '').toLowerCase();
  if (['sev1', 'critical', 'page'].includes(normalized)) return 'SEV1';
  if (['warning', 'warn', 'info'].includes(normalized)) return 'warning';
  return 'SEV2';
}

function unmappedPolicy(alert: WebhookAlert, options: GroupingOptions): IncidentPolicy {
  return {
    runbookId: null,
    consumesBudget: false,
    title: alert.annotations.summary ?? alert.labels.alertname ?? options.words.unmappedTitle,
    severity: severityFromLabel(alert.labels.severity),
    channels: [options.defaultChannel],
    autoResolve: true,
    reopenWindowMs: UNMAPPED_REOPEN_WINDOW_MS,
    itemLabel: undefined,
    escalation: [],
  };
}

function incidentKey(scope: string, groupBy: string[], labels: Record<string, string>): string {
  return `${scope}|${groupBy.map((label) => `${label}=${labels[label] ?? ''}`).join(',')}`;
}

function toRecord(alert: WebhookAlert): AlertRecord {
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt === ZERO_TIME || alert.endsAt === '' ? undefined : alert.endsAt,
    labels: alert.labels,
    annotations: alert.annotations,
    generatorURL: alert.generatorURL === '' ? undefined : alert.generatorURL,
  };
}

/**
 * Splits one delivery into the incidents it concerns. One incident is one runbook plus the values of
 * the runbook's `incident.group_by` labels (for api.5xx: service and env), whatever Alertmanager's own
 * grouping: every failing route of one service lands on one card. Alerts no runbook claims still get an
 * incident, on an "unmapped" card in the default channel; nothing is dropped.
 */
export function groupAlerts(payload: WebhookPayload, options: GroupingOptions): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of payload.alerts) {
    const runbook = options.registry.match(alert.labels);
    const groupBy = runbook?.incident.group_by ?? UNMAPPED_GROUP_BY;
    const key = incidentKey(runbook?.id ?? 'unmapped', groupBy, alert.labels);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        key,
        policy:
          runbook === undefined
            ? unmappedPolicy(alert, options)
            : runbookPolicy(runbook, options.registry.set.slo, alert.labels, options.words),
        groupLabels: Object.fromEntries(groupBy.map((label) => [label, alert.labels[label] ?? ''])),
        alerts: [],
        truncatedAlerts: 0,
        externalURL: payload.externalURL === '' ? undefined : payload.externalURL,
      };
      groups.set(key, group);
    }
    group.alerts.push(toRecord(alert));
  }
  // Alertmanager does not say which incident its cut alerts belonged to: with one incident in the
  // delivery (the usual case) it is that one's; otherwise each incident of the delivery shows the count.
  for (const group of groups.values()) group.truncatedAlerts = payload.truncatedAlerts;
  return [...groups.values()];
}

import { receivedRecord } from './alert-merge';
import { emptyTally, tallyAlert } from './alert-tally';
import { itemsOf, receiveAlerts } from './receive-alerts';
import { responderCommand } from './responder-commands';
import { appendTimeline, entry } from './timeline';
import type { AlertGroup, AlertRecord, Incident, IncidentCommand, IncidentPolicy, Transition } from './types';

export { TIMELINE_LIMIT } from './timeline';

function blankIncident(id: string, key: string, policy: IncidentPolicy, now: number): Incident {
  return {
    id,
    key,
    policy,
    severity: policy.severity,
    status: 'open',
    version: 0,
    generation: 1,
    openedAt: now,
    updatedAt: now,
    acknowledgedAt: undefined,
    acknowledgedBy: undefined,
    resolvedAt: undefined,
    resolvedBy: undefined,
    groupLabels: {},
    alertTally: emptyTally(),
    truncatedAlerts: 0,
    externalURL: undefined,
    timeline: [],
    timelineDropped: 0,
    triage: {},
    mitigations: {},
    summary: undefined,
    resolution: undefined,
    phaseStartedAt: now,
    escalations: [],
    followups: {},
    flags: {
      postmortemRequired: false,
      customerInformationRequired: false,
      incidentReportRequired: false,
      rtoBreached: false,
    },
  };
}

/**
 * Opens an incident from the first delivery of a key, with the alert records to store beside it (the
 * last copy of a fingerprint given twice wins); null when nothing in it is firing.
 */
export function openIncident(
  group: AlertGroup,
  id: string,
  now: number,
): { incident: Incident; alerts: AlertRecord[] } | null {
  const firing = group.alerts.filter((a) => a.status === 'firing');
  if (firing.length === 0) return null;
  const incident = blankIncident(id, group.key, group.policy, now);
  incident.groupLabels = { ...group.groupLabels };
  const alerts = new Map<string, AlertRecord>();
  for (const alert of group.alerts) {
    const record = receivedRecord(alert, now);
    const known = alerts.get(alert.fingerprint);
    incident.alertTally = tallyAlert(incident.alertTally, known, record, now, group.policy.startLookbackMs);
    alerts.set(alert.fingerprint, record);
  }
  incident.truncatedAlerts = group.truncatedAlerts;
  incident.externalURL = group.externalURL;
  appendTimeline(incident, [entry(now, 'alertmanager', 'opened', itemsOf(firing, group.policy.itemLabel))]);
  return { incident, alerts: [...alerts.values()] };
}

/** Opens an incident a person declared (no alert): its key is its own, so alerts never merge into it. */
export function declareIncident(
  id: string,
  policy: IncidentPolicy,
  summary: string,
  actor: string,
  now: number,
): Incident {
  const incident = blankIncident(id, `declared|${id}`, { ...policy, autoResolve: false }, now);
  incident.summary = summary;
  appendTimeline(incident, [entry(now, actor, 'declared', summary === '' ? [] : [summary])]);
  return incident;
}

/** Whether a re-fire of this resolved incident's key should reopen it rather than open a new one. */
export function canReopen(incident: Incident, now: number): boolean {
  return (
    incident.status === 'resolved' &&
    incident.resolvedAt !== undefined &&
    now - incident.resolvedAt <= incident.policy.reopenWindowMs
  );
}

/** The incident state machine: pure, deterministic, time given by the caller. */
export function transition(current: Incident, command: IncidentCommand, now: number): Transition {
  return command.type === 'receive_alerts'
    ? receiveAlerts(current, command.group, command.known, now)
    : responderCommand(current, command, now);
}

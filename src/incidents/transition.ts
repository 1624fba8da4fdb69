import { alertItem, classifyAlert, firingAlerts } from './alert-merge';
import type {
  AlertGroup,
  AlertRecord,
  Incident,
  IncidentCommand,
  IncidentEvent,
  TimelineEntry,
  TimelineKind,
  Transition,
} from './types';

/** The timeline kept inside the incident document; older entries are counted, not kept. */
export const TIMELINE_LIMIT = 300;
/** Items named in one timeline entry; the rest are summed up as "+N". */
const ITEMS_PER_ENTRY = 10;

function itemsOf(alerts: AlertRecord[], itemLabel: string | undefined): string[] {
  const items = [...new Set(alerts.map((a) => alertItem(a, itemLabel)))].sort();
  return items.length <= ITEMS_PER_ENTRY
    ? items
    : [...items.slice(0, ITEMS_PER_ENTRY), `+${items.length - ITEMS_PER_ENTRY}`];
}

function appendTimeline(incident: Incident, entries: TimelineEntry[]): void {
  incident.timeline.push(...entries);
  const excess = incident.timeline.length - TIMELINE_LIMIT;
  if (excess > 0) {
    incident.timeline.splice(0, excess);
    incident.timelineDropped += excess;
  }
}

function entry(at: number, actor: string, kind: TimelineKind, details: string[] = []): TimelineEntry {
  return { at, actor, kind, details };
}

/** Opens an incident from the first delivery of a key; null when nothing in it is firing. */
export function openIncident(group: AlertGroup, id: string, now: number): Incident | null {
  const firing = group.alerts.filter((a) => a.status === 'firing');
  if (firing.length === 0) return null;
  const incident: Incident = {
    id,
    key: group.key,
    policy: group.policy,
    severity: group.policy.severity,
    status: 'open',
    version: 0,
    generation: 1,
    openedAt: now,
    updatedAt: now,
    acknowledgedAt: undefined,
    acknowledgedBy: undefined,
    resolvedAt: undefined,
    resolvedBy: undefined,
    groupLabels: { ...group.groupLabels },
    alerts: Object.fromEntries(group.alerts.map((a) => [a.fingerprint, a])),
    truncatedAlerts: group.truncatedAlerts,
    externalURL: group.externalURL,
    timeline: [entry(now, 'alertmanager', 'opened', itemsOf(firing, group.policy.itemLabel))],
    timelineDropped: 0,
  };
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

function clone(incident: Incident): Incident {
  return structuredClone(incident);
}

function receiveAlerts(current: Incident, group: AlertGroup, now: number): Transition {
  const next = clone(current);
  const nowFiring: AlertRecord[] = [];
  const nowResolved: AlertRecord[] = [];
  let recorded = 0;
  for (const incoming of group.alerts) {
    const change = classifyAlert(next.alerts[incoming.fingerprint], incoming);
    if (change === 'duplicate' || change === 'stale') continue;
    next.alerts[incoming.fingerprint] = incoming;
    recorded += 1;
    if (change === 'new_firing' || change === 'refired') nowFiring.push(incoming);
    if (change === 'resolved') nowResolved.push(incoming);
  }
  const truncationChanged = group.truncatedAlerts !== current.truncatedAlerts;
  if (recorded === 0 && !truncationChanged) return { outcome: 'unchanged', reason: 'duplicate delivery' };

  next.truncatedAlerts = group.truncatedAlerts;
  next.externalURL = group.externalURL ?? next.externalURL;
  const itemLabel = next.policy.itemLabel;
  const events: IncidentEvent[] = [];
  const timeline: TimelineEntry[] = [];

  if (next.status === 'resolved' && nowFiring.length > 0) {
    next.status = 'open';
    next.generation += 1;
    next.resolvedAt = undefined;
    next.resolvedBy = undefined;
    next.acknowledgedAt = undefined;
    next.acknowledgedBy = undefined;
    timeline.push(entry(now, 'alertmanager', 'reopened', itemsOf(nowFiring, itemLabel)));
    events.push({ type: 'incident_reopened', incident: next });
  } else if (nowFiring.length > 0) {
    timeline.push(entry(now, 'alertmanager', 'alerts_firing', itemsOf(nowFiring, itemLabel)));
  }
  if (nowResolved.length > 0) {
    timeline.push(entry(now, 'alertmanager', 'alerts_resolved', itemsOf(nowResolved, itemLabel)));
  }
  if (truncationChanged && group.truncatedAlerts > 0) {
    timeline.push(entry(now, 'alertmanager', 'truncated', [String(group.truncatedAlerts)]));
  }
  const stillFiring = firingAlerts(next.alerts).length;
  events.push({
    type: 'alerts_changed',
    incident: next,
    firing: nowFiring.length,
    resolved: nowResolved.length,
    recorded,
  });
  if (next.status !== 'resolved' && stillFiring === 0 && next.policy.autoResolve) {
    resolveInPlace(next, 'alertmanager', now, timeline);
    events.push({ type: 'incident_resolved', incident: next, by: 'alertmanager' });
  }
  appendTimeline(next, timeline);
  next.updatedAt = now;
  return { outcome: 'changed', incident: next, events };
}

function resolveInPlace(incident: Incident, actor: string, now: number, timeline: TimelineEntry[]): void {
  incident.status = 'resolved';
  incident.resolvedAt = now;
  incident.resolvedBy = actor;
  incident.generation += 1;
  timeline.push(entry(now, actor, 'resolved'));
}

/** The incident state machine: pure, deterministic, time given by the caller. */
export function transition(current: Incident, command: IncidentCommand, now: number): Transition {
  switch (command.type) {
    case 'receive_alerts':
      return receiveAlerts(current, command.group, now);
    case 'acknowledge': {
      if (current.status !== 'open') {
        return {
          outcome: 'rejected',
          reason: `incident is ${current.status}, only an open incident can be acknowledged`,
        };
      }
      const next = clone(current);
      next.status = 'acknowledged';
      next.acknowledgedAt = now;
      next.acknowledgedBy = command.actor;
      next.updatedAt = now;
      appendTimeline(next, [entry(now, command.actor, 'acknowledged')]);
      return {
        outcome: 'changed',
        incident: next,
        events: [{ type: 'incident_acknowledged', incident: next, by: command.actor }],
      };
    }
    case 'resolve': {
      if (current.status === 'resolved')
        return { outcome: 'rejected', reason: 'incident is already resolved' };
      const next = clone(current);
      const timeline: TimelineEntry[] = [];
      resolveInPlace(next, command.actor, now, timeline);
      next.updatedAt = now;
      appendTimeline(next, timeline);
      return {
        outcome: 'changed',
        incident: next,
        events: [{ type: 'incident_resolved', incident: next, by: command.actor }],
      };
    }
  }
}

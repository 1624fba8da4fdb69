import { nextIncident } from './next-incident';
import { alertItem, classifyAlert, receivedRecord } from './alert-merge';
import { tallyAlert } from './alert-tally';
import type { NewEntry } from './timeline';
import { appendTimeline, entry, ITEMS_PER_ENTRY } from './timeline';
import type { AlertGroup, AlertRecord, AlertState, Incident, IncidentEvent, Transition } from './types';

export function itemsOf(alerts: AlertRecord[], itemLabel: string | undefined): string[] {
  const items = [...new Set(alerts.map((a) => alertItem(a, itemLabel)))].sort();
  return items.length <= ITEMS_PER_ENTRY
    ? items
    : [...items.slice(0, ITEMS_PER_ENTRY), `+${items.length - ITEMS_PER_ENTRY}`];
}

export function resolveInPlace(incident: Incident, actor: string, now: number, timeline: NewEntry[]): void {
  incident.status = 'resolved';
  incident.resolvedAt = now;
  incident.resolvedBy = actor;
  incident.generation += 1;
  timeline.push(entry(now, actor, 'resolved'));
}

/**
 * Merges a delivery's alerts into the incident: new, re-fired and resolved alerts; duplicates change
 * nothing. `known` is what the incident knows of the delivery's alerts (by fingerprint): only those
 * are read, only the changed ones are returned to be stored, whatever the incident's size.
 */
export function receiveAlerts(
  current: Incident,
  group: AlertGroup,
  known: ReadonlyMap<string, AlertState>,
  now: number,
): Transition {
  const next = nextIncident(current);
  const nowFiring: AlertRecord[] = [];
  const nowResolved: AlertRecord[] = [];
  // The same fingerprint twice in one delivery: the second copy is compared with the first.
  const stored = new Map<string, AlertRecord>();
  for (const incoming of group.alerts) {
    const before = stored.get(incoming.fingerprint) ?? known.get(incoming.fingerprint);
    const change = classifyAlert(before, incoming, now);
    if (change === 'duplicate' || change === 'stale') continue;
    const record = receivedRecord(incoming, now);
    stored.set(incoming.fingerprint, record);
    next.alertTally = tallyAlert(next.alertTally, before, record, now, next.policy.startLookbackMs);
    if (change === 'new_firing' || change === 'refired') nowFiring.push(incoming);
    if (change === 'resolved') nowResolved.push(incoming);
  }
  const recorded = stored.size;
  const truncationChanged = group.truncatedAlerts !== current.truncatedAlerts;
  if (recorded === 0 && !truncationChanged) return { outcome: 'unchanged', reason: 'duplicate delivery' };

  next.truncatedAlerts = group.truncatedAlerts;
  next.externalURL = group.externalURL ?? next.externalURL;
  const itemLabel = next.policy.itemLabel;
  const events: IncidentEvent[] = [];
  const timeline: NewEntry[] = [];

  if (next.status === 'resolved' && nowFiring.length > 0) {
    next.status = 'open';
    next.generation += 1;
    next.resolvedAt = undefined;
    next.resolvedBy = undefined;
    next.acknowledgedAt = undefined;
    next.acknowledgedBy = undefined;
    next.resolution = undefined;
    next.phaseStartedAt = now;
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
  events.push({
    type: 'alerts_changed',
    incident: next,
    firing: nowFiring.length,
    resolved: nowResolved.length,
    recorded,
  });
  if (next.status !== 'resolved' && next.alertTally.firing === 0 && next.policy.autoResolve) {
    resolveInPlace(next, 'alertmanager', now, timeline);
    events.push({ type: 'incident_resolved', incident: next, by: 'alertmanager' });
  }
  appendTimeline(next, timeline);
  next.updatedAt = now;
  return { outcome: 'changed', incident: next, events, alerts: [...stored.values()] };
}

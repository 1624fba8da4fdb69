import { changed, rejected } from './command-results';
import { fireEscalation, recordDelivery } from './escalation-commands';
import { finishMitigation, startMitigation } from './mitigation-commands';
import { nextIncident } from './next-incident';
import { resolveInPlace } from './receive-alerts';
import type { NewEntry } from './timeline';
import { appendTimeline, entry } from './timeline';
import { recordVerdict } from './verification';
import type { Incident, IncidentCommand, Transition } from './types';

type ResponderCommand = Exclude<IncidentCommand, { type: 'receive_alerts' }>;

/** Ticks or unticks one item of a checklist the incident keeps (triage steps, post-incident duties). */
function toggleChecklist(
  current: Incident,
  now: number,
  list: 'triage' | 'followups',
  itemId: string,
  checked: boolean,
  actor: string,
): Transition {
  if (checked === (current[list][itemId] !== undefined))
    return { outcome: 'unchanged', reason: 'already in that state' };
  const kind =
    list === 'triage'
      ? checked
        ? 'triage_checked'
        : 'triage_unchecked'
      : checked
        ? 'followup_checked'
        : 'followup_unchecked';
  return changed(
    current,
    now,
    [entry(now, actor, kind, [itemId])],
    (next) =>
      list === 'triage'
        ? [{ type: 'triage_changed', incident: next, stepId: itemId, checked, by: actor }]
        : [],
    (next) => {
      if (checked) next[list][itemId] = { by: actor, at: now };
      else delete next[list][itemId];
    },
  );
}

/** What people do to an incident from Slack. Rejections carry a reason fit to show the person. */
export function responderCommand(current: Incident, command: ResponderCommand, now: number): Transition {
  const resolved = current.status === 'resolved';
  switch (command.type) {
    case 'acknowledge':
      if (current.status === 'acknowledged')
        return rejected({
          code: 'already_acknowledged',
          by: current.acknowledgedBy,
          at: current.acknowledgedAt,
        });
      if (resolved) return rejected({ code: 'resolved' });
      return changed(
        current,
        now,
        [entry(now, command.actor, 'acknowledged')],
        (next) => [{ type: 'incident_acknowledged', incident: next, by: command.actor }],
        (next) => {
          next.status = 'acknowledged';
          next.acknowledgedAt = now;
          next.acknowledgedBy = command.actor;
        },
      );

    case 'resolve': {
      if (resolved) return rejected({ code: 'resolved' });
      const next = nextIncident(current);
      const timeline: NewEntry[] = [];
      resolveInPlace(next, command.actor, now, timeline);
      if (command.resolution !== undefined) next.resolution = command.resolution;
      // The budget now counts the responder's window instead of the alerts': the thread says so.
      const impact = command.resolution?.impact;
      if (impact !== undefined)
        timeline.push(
          entry(now, command.actor, 'impact_corrected', [String(impact.start), String(impact.end)]),
        );
      appendTimeline(next, timeline);
      next.updatedAt = now;
      return {
        outcome: 'changed',
        incident: next,
        events: [{ type: 'incident_resolved', incident: next, by: command.actor }],
      };
    }

    case 'check_triage':
    case 'uncheck_triage':
      return toggleChecklist(
        current,
        now,
        'triage',
        command.stepId,
        command.type === 'check_triage',
        command.actor,
      );

    case 'check_followup':
    case 'uncheck_followup':
      return toggleChecklist(
        current,
        now,
        'followups',
        command.itemId,
        command.type === 'check_followup',
        command.actor,
      );

    case 'start_mitigation':
      return startMitigation(current, command, now);

    case 'finish_mitigation':
      return finishMitigation(current, command, now);

    case 'add_note':
      return changed(
        current,
        now,
        [entry(now, command.actor, 'note', [command.text])],
        (next) => [{ type: 'note_added', incident: next, by: command.actor }],
        () => undefined,
      );

    case 'fire_escalation':
      return fireEscalation(current, command.actor, command.stepId, command.generation, now);

    case 'record_verdict':
      return recordVerdict(current, command.mitigationId, command.run, command.verdict, now);

    case 'record_delivery':
      return recordDelivery(current, command, now);
  }
}

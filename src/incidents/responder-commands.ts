import { nextIncident } from './next-incident';
import { hasFired, isExcused } from './escalation-plan';
import { resolveInPlace } from './receive-alerts';
import type { NewEntry } from './timeline';
import { appendTimeline, entry } from './timeline';
import { deliveryDetail, runReasonDetail } from './timeline-details';
import { beginVerification, recordVerdict, verificationOf } from './verification';
import type {
  DeliveryResult,
  Incident,
  IncidentCommand,
  IncidentEvent,
  MitigationRun,
  Transition,
} from './types';

/** A press this soon after a mitigation succeeded is refused as a duplicate (its button then says « Relancer »). */
export const JUST_RAN_MS = 30_000;

type ResponderCommand = Exclude<IncidentCommand, { type: 'receive_alerts' }>;

/**
 * Fires one escalation step, at most once per phase. A timer or button armed for another phase
 * (generation) does nothing: the incident moved on (Grafana OnCall's active-escalation guard).
 */
function fireEscalation(
  current: Incident,
  actor: string,
  stepId: string,
  generation: number,
  now: number,
): Transition {
  if (generation !== current.generation)
    return rejected(`stale: armed for phase ${generation}, incident is in phase ${current.generation}`);
  const step = current.policy.escalation.find((s) => s.id === stepId);
  if (step === undefined) return rejected(`no escalation step ${stepId}`);
  if (hasFired(current, stepId)) return { outcome: 'unchanged', reason: 'already fired in this phase' };
  if (isExcused(current, step)) return rejected(`incident is ${current.status}`);
  return changed(
    current,
    now,
    [
      step.trigger.kind === 'opened'
        ? entry(now, actor, 'notified', step.notify)
        : entry(now, actor, 'escalated', [stepId, ...step.notify]),
    ],
    (next) => [{ type: 'escalation_fired', incident: next, step, by: actor }],
    (next) => {
      next.escalations.push({ stepId, generation, firedAt: now, by: actor, deliveries: undefined });
      const { severity, ...flags } = step.sets;
      if (severity !== undefined) next.severity = severity;
      next.flags = {
        ...next.flags,
        ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
      };
    },
  );
}

const rejected = (reason: string): Transition => ({ outcome: 'rejected', reason });

function changed(
  current: Incident,
  now: number,
  entries: NewEntry[],
  events: (next: Incident) => IncidentEvent[],
  edit: (next: Incident) => void,
): Transition {
  const next = nextIncident(current);
  edit(next);
  appendTimeline(next, entries);
  next.updatedAt = now;
  return { outcome: 'changed', incident: next, events: events(next) };
}

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
        return rejected(`already acknowledged by ${current.acknowledgedBy ?? '?'}`);
      if (resolved) return rejected('incident is resolved');
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
      if (resolved) return rejected('incident is already resolved');
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

    case 'start_mitigation': {
      if (resolved) return rejected('incident is resolved');
      const runs = current.mitigations[command.mitigationId] ?? [];
      const last = runs.at(-1);
      if (last?.status === 'running' && now - last.startedAt < command.staleAfterMs) {
        return rejected(`already running (started by ${last.by})`);
      }
      // A second press right after a success is a double click, not a decision to run it again.
      if (last?.status === 'succeeded' && now - (last.finishedAt ?? last.startedAt) < JUST_RAN_MS) {
        return rejected(`just ran (by ${last.by})`);
      }
      const number = (last?.number ?? 0) + 1;
      // After an unknown outcome the ops API may have acted: the retry sends the same idempotency key.
      const keyRun = last?.unknown === true ? (last.keyRun ?? last.number) : number;
      const run: MitigationRun = {
        number,
        keyRun,
        status: 'running',
        by: command.actor,
        startedAt: now,
        finishedAt: undefined,
        httpStatus: undefined,
        durationMs: undefined,
        message: undefined,
      };
      return changed(
        current,
        now,
        [entry(now, command.actor, 'mitigation_started', [command.mitigationId])],
        (next) => [{ type: 'mitigation_started', incident: next, mitigationId: command.mitigationId, run }],
        (next) => {
          next.mitigations[command.mitigationId] = [...runs, run];
        },
      );
    }

    case 'finish_mitigation': {
      const runs = current.mitigations[command.mitigationId] ?? [];
      const index = runs.findIndex((r) => r.number === command.number);
      const run = runs[index];
      if (run === undefined) return rejected(`no run ${command.number} of ${command.mitigationId}`);
      // A run given up as unknown (its replica lost) still takes the real outcome if it arrives later.
      if (run.status !== 'running' && run.unknown !== true)
        return { outcome: 'unchanged', reason: 'run already finished' };
      if (run.status !== 'running' && command.outcome.unknown === true)
        return { outcome: 'unchanged', reason: 'outcome already unknown' };
      const finished: MitigationRun = { ...run, ...command.outcome, finishedAt: now };
      const { httpStatus, reason, message } = command.outcome;
      const details = [
        command.mitigationId,
        ...(httpStatus === undefined ? [] : [`HTTP ${httpStatus}`]),
        ...(reason !== undefined ? [runReasonDetail(reason)] : message === undefined ? [] : [message]),
      ];
      const entries = [entry(now, run.by, `mitigation_${command.outcome.status}`, details)];
      return changed(
        current,
        now,
        entries,
        (next) => [
          { type: 'mitigation_finished', incident: next, mitigationId: command.mitigationId, run: finished },
        ],
        (next) => {
          const list = next.mitigations[command.mitigationId] ?? [];
          list[index] = finished;
          next.mitigations[command.mitigationId] = list;
          // A success is checked against the trigger (on the runbook's schedule), once per run.
          if (verificationOf(next, command.mitigationId, finished.number) === undefined)
            beginVerification(next, command.mitigationId, finished, now, entries);
        },
      );
    }

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

    case 'record_delivery': {
      const index = current.escalations.findIndex(
        (e) => e.stepId === command.stepId && e.generation === command.generation,
      );
      if (index < 0)
        return rejected(`escalation ${command.stepId} did not fire in phase ${command.generation}`);
      // Each delivery item ends once: a result recorded again (a retried record) changes nothing.
      const recorded = current.escalations[index]?.deliveries ?? [];
      const itemOf = (r: DeliveryResult) => r.item ?? `${r.channel}:${r.target}`;
      const done = new Set(recorded.map(itemOf));
      const results = command.results.filter((r) => !done.has(itemOf(r)));
      if (results.length === 0) return { outcome: 'unchanged', reason: 'delivery already recorded' };
      const opening =
        current.policy.escalation.find((s) => s.id === command.stepId)?.trigger.kind === 'opened';
      const details = [...(opening ? [] : [command.stepId]), ...results.map(deliveryDetail)];
      return changed(
        current,
        now,
        [entry(now, 'vigie', opening ? 'notification_delivered' : 'escalation_delivered', details)],
        (next) => [{ type: 'escalation_delivered', incident: next, stepId: command.stepId, results }],
        (next) => {
          const fired = next.escalations[index];
          if (fired !== undefined) fired.deliveries = [...recorded, ...results];
        },
      );
    }
  }
}

import { changed, rejected } from './command-results';
import { SEVERITY_RANK } from './attention-order';
import { hasFired, isExcused, pendingTimers } from './escalation-plan';
import { entry } from './timeline';
import { deliveryDetail } from './timeline-details';
import type {
  DeliveryResult,
  EscalationStep,
  FiredEscalation,
  Incident,
  IncidentCommand,
  Transition,
} from './types';

/**
 * The other steps due at this instant that raise the severity: they fire first, with the step, so its
 * pages carry the severity decided for the same moment (a late alert makes the RTO and « Monter SEV1 »
 * due together; the RTO page must not go out at SEV2 and the SEV1 page a moment later).
 */
function dueRaises(current: Incident, stepId: string, now: number): EscalationStep[] {
  return pendingTimers(current, now)
    .filter(({ step, dueAt }) => {
      const raised = step.sets.severity;
      return (
        step.id !== stepId &&
        dueAt <= now &&
        raised !== undefined &&
        SEVERITY_RANK[raised] < SEVERITY_RANK[current.severity]
      );
    })
    .map(({ step }) => step);
}

/** Records a step as fired in the phase, by whom, and applies what it sets (severity, flags). */
function applyStep(next: Incident, step: EscalationStep, fired: FiredEscalation): void {
  next.escalations.push(fired);
  const { severity, ...flags } = step.sets;
  if (severity !== undefined) next.severity = severity;
  next.flags = {
    ...next.flags,
    // A flag the step leaves out may still be a key holding undefined: spread, it would erase a
    // flag an earlier step set. (Its type, Partial, says absent, not undefined.)
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
  };
}

/**
 * Fires one escalation step, at most once per phase, after the severity raises due at the same instant
 * (see dueRaises). A timer or button armed for another phase (generation) does nothing: the incident
 * moved on (Grafana OnCall's active-escalation guard).
 */
export function fireEscalation(
  current: Incident,
  actor: string,
  stepId: string,
  generation: number,
  now: number,
): Transition {
  if (generation !== current.generation)
    return rejected({ code: 'stale_phase', armed: generation, current: current.generation });
  const step = current.policy.escalation.find((s) => s.id === stepId);
  if (step === undefined) return rejected({ code: 'unknown_escalation_step', stepId });
  if (hasFired(current, stepId)) return { outcome: 'unchanged', reason: 'already fired in this phase' };
  if (isExcused(current, step)) return rejected({ code: 'escalation_excused', status: current.status });
  // A raise due anyway is Vigie's doing, even when a person forced the step it goes with.
  const steps = [
    ...dueRaises(current, stepId, now).map((raise) => ({ step: raise, by: 'vigie' })),
    { step, by: actor },
  ];
  return changed(
    current,
    now,
    steps.map(({ step: s, by }) =>
      s.trigger.kind === 'opened'
        ? entry(now, by, 'notified', s.notify)
        : entry(now, by, 'escalated', [s.id, ...s.notify]),
    ),
    (next) => steps.map(({ step: s, by }) => ({ type: 'escalation_fired', incident: next, step: s, by })),
    (next) => {
      for (const { step: s, by } of steps)
        applyStep(next, s, { stepId: s.id, generation, firedAt: now, by, deliveries: undefined });
    },
  );
}

/** The results of a fired step's deliveries, each recorded once on the step and in the timeline. */
export function recordDelivery(
  current: Incident,
  command: Extract<IncidentCommand, { type: 'record_delivery' }>,
  now: number,
): Transition {
  const index = current.escalations.findIndex(
    (e) => e.stepId === command.stepId && e.generation === command.generation,
  );
  if (index < 0)
    return rejected({
      code: 'unknown_work',
      what: `escalation ${command.stepId} fired in phase ${command.generation}`,
    });
  // Each delivery item ends once: a result recorded again (a retried record) changes nothing.
  const recorded = current.escalations[index]?.deliveries ?? [];
  const itemOf = (r: DeliveryResult) => r.item ?? `${r.channel}:${r.target}`;
  const done = new Set(recorded.map(itemOf));
  const results = command.results.filter((r) => !done.has(itemOf(r)));
  if (results.length === 0) return { outcome: 'unchanged', reason: 'delivery already recorded' };
  const opening = current.policy.escalation.find((s) => s.id === command.stepId)?.trigger.kind === 'opened';
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

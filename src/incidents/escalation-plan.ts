import type { EscalationChannel, EscalationStep, Incident } from './types';
import type { FiredEscalation } from './escalation-types';
import { incidentStart } from './alert-tally';

/** Whether a step already fired in the incident's current phase. */
export function hasFired(incident: Incident, stepId: string): boolean {
  return firedInPhase(incident, stepId) !== undefined;
}

/** The step's firing in the incident's current phase (who, when), if it fired. */
export function firedInPhase(incident: Incident, stepId: string): FiredEscalation | undefined {
  return incident.escalations.find((e) => e.stepId === stepId && e.generation === incident.generation);
}

/** Whether the step's "unless" holds now (then it must not fire). */
export function isExcused(incident: Incident, step: EscalationStep): boolean {
  return (
    (step.unless.includes('resolved') && incident.status === 'resolved') ||
    (step.unless.includes('acknowledged') && incident.status === 'acknowledged')
  );
}

/** The roles a step reaches on one channel: its `routes` entry, else every `notify` role of each `via`. */
export function stepTargets(step: EscalationStep, channel: EscalationChannel): string[] {
  return step.routes?.[channel] ?? (step.via.includes(channel) ? step.notify : []);
}

/**
 * Whether a step is over for this incident: the opening step after its first phase, unless it pages
 * on reopen; a deadline counted from the incident's start once it fired in any phase (that instant
 * does not move with a reopening: the RTO or RPO passed once, its people were told once).
 */
function retired(incident: Incident, step: EscalationStep): boolean {
  const firedBefore = incident.escalations.some(
    (e) => e.stepId === step.id && e.generation !== incident.generation,
  );
  if (step.trigger.kind === 'after') return step.trigger.from === 'start' && firedBefore;
  return step.trigger.kind === 'opened' && !step.trigger.onReopen && firedBefore;
}

/** When a time-driven step is due (from its phase's start, or from the incident's start), or undefined if no clock drives it. */
export function dueAt(incident: Incident, step: EscalationStep): number | undefined {
  if (step.trigger.kind === 'after')
    return (
      (step.trigger.from === 'start' ? incidentStart(incident) : incident.phaseStartedAt) +
      step.trigger.afterMs
    );
  if (step.trigger.kind === 'opened')
    return step.trigger.delayMs === undefined ? undefined : incident.phaseStartedAt + step.trigger.delayMs;
  if (step.trigger.kind === 'conditions' && step.trigger.openLongerThanMs !== undefined) {
    return incident.phaseStartedAt + step.trigger.openLongerThanMs;
  }
  return undefined;
}

/** Whether a condition step's non-time conditions hold now (e.g. at least N affected routes). */
export function conditionMet(incident: Incident, step: EscalationStep): boolean {
  if (step.trigger.kind === 'opened') {
    const alerts = step.trigger.alertsAtLeast;
    return alerts !== undefined && incident.alertTally.firing >= alerts;
  }
  if (step.trigger.kind !== 'conditions') return false;
  const affected = step.trigger.affectedAtLeast;
  return affected !== undefined && incident.alertTally.firing >= affected;
}

/** Steps that still wait for their moment in this phase, with when they are due (now, for a met condition). */
export function pendingTimers(
  incident: Incident,
  now: number,
): Array<{ step: EscalationStep; dueAt: number }> {
  if (incident.status === 'resolved') return [];
  return incident.policy.escalation.flatMap((step) => {
    if (hasFired(incident, step.id) || isExcused(incident, step) || retired(incident, step)) return [];
    if (conditionMet(incident, step)) return [{ step, dueAt: now }];
    const due = dueAt(incident, step);
    return due === undefined ? [] : [{ step, dueAt: due }];
  });
}

/** The next time-driven step to fire, for the card ("Escalade Tech Lead à 14:32"). */
export function nextDeadline(incident: Incident): { step: EscalationStep; dueAt: number } | undefined {
  return (
    pendingTimers(incident, Number.POSITIVE_INFINITY)
      // The runbook's channels at open go at once (not a deadline), unless the runbook delays them.
      .filter((t) => !(t.step.trigger.kind === 'opened' && t.dueAt <= incident.phaseStartedAt))
      .filter((t) => Number.isFinite(t.dueAt))
      .sort((a, b) => a.dueAt - b.dueAt)[0]
  );
}

/** The steps a person may force: all but the runbook's channels at open, which are not an escalation. */
export function forceableSteps(incident: Incident): EscalationStep[] {
  return incident.policy.escalation.filter((s) => s.trigger.kind !== 'opened');
}

/** What `/incident escalate` fires: the earliest step not yet fired in this phase. */
export function nextStepToForce(incident: Incident): EscalationStep | undefined {
  const unfired = forceableSteps(incident).filter((s) => !hasFired(incident, s.id));
  const order = (s: EscalationStep) => dueAt(incident, s) ?? Number.POSITIVE_INFINITY;
  return unfired.sort((a, b) => order(a) - order(b))[0];
}

/** A post-mortem is owed: SEV1, an escalation that asked for one (latency over SLA, RTO), or an audit report. */
export function postmortemRequired(incident: Incident): boolean {
  const { postmortemRequired: asked, rtoBreached, incidentReportRequired } = incident.flags;
  return incident.severity === 'SEV1' || asked || rtoBreached || incidentReportRequired;
}

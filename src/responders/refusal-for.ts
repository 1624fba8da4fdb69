import { firedInPhase, forceableSteps } from '../incidents/escalation-plan';
import type { Rejection } from '../incidents/rejection';
import type { EscalationStep, Incident } from '../incidents/types';
import type { Refusal } from './refusal';

/** The domain's rejection of a command on `incident`, as the person who asked is told it. */
export function refusalFor(incident: Incident, rejection: Rejection): Refusal {
  const incidentId = incident.id;
  switch (rejection.code) {
    case 'already_acknowledged':
      return { code: 'already_acknowledged', incidentId, by: rejection.by, at: rejection.at };
    case 'resolved':
      return { code: 'resolved', incidentId };
    case 'mitigation_running':
      return { code: 'already_running', by: rejection.by, since: rejection.since };
    case 'mitigation_just_ran':
      return { code: 'just_ran', by: rejection.by, at: rejection.at };
    case 'escalation_excused':
      return rejection.status === 'resolved'
        ? { code: 'resolved', incidentId }
        : { code: 'escalation_excused', incidentId };
    case 'stale_phase':
      return { code: 'rejected', detail: `armed in phase ${rejection.armed}, now ${rejection.current}` };
    case 'unknown_escalation_step':
      return { code: 'rejected', detail: `no escalation step ${rejection.stepId}` };
    case 'unknown_work':
      return { code: 'rejected', detail: `no record of ${rejection.what}` };
  }
}

/** A press of an escalation `step` that had fired already in the incident's phase: by whom, when. */
export function alreadyEscalated(incident: Incident, step: EscalationStep): Refusal {
  const fired = firedInPhase(incident, step.id);
  return fired === undefined
    ? { code: 'rejected', detail: `${step.id} already fired` }
    : {
        code: 'already_escalated',
        incidentId: incident.id,
        step: step.description,
        by: fired.by,
        at: fired.firedAt,
      };
}

/** `/incident escalate` found no step to fire: every one fired in this phase, or the runbook has none. */
export function noStepToForce(incident: Incident): Refusal {
  return forceableSteps(incident).length > 0
    ? { code: 'all_escalated', incidentId: incident.id }
    : { code: 'no_escalation', incidentId: incident.id };
}

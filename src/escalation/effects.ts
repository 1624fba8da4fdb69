import { pendingTimers, stepTargets } from '../incidents/escalation-plan';
import type { DurableWork } from '../incidents/ports';
import type { Incident, IncidentEvent } from '../incidents/types';
import { postmortemMember, POSTMORTEM_QUEUE } from '../postmortem/postmortem-work';
import { deliveryItems, unreachedRoles } from './delivery-plan';
import type { SendItem } from './work-items';
import { OUTBOX_QUEUE, outboxMember, TIMER_QUEUE, timerMember } from './work-items';

/** Whether any step that pages through PagerDuty fired in this phase. */
function pagedIn(incident: Incident, generation: number): boolean {
  return incident.escalations.some((e) => {
    const step = incident.policy.escalation.find((s) => s.id === e.stepId);
    return e.generation === generation && step !== undefined && stepTargets(step, 'pagerduty').length > 0;
  });
}

/**
 * The durable work that follows from a change, saved in the same atomic step as the incident:
 * opening arms the phase's timers, a firing queues one delivery item per target (and a PagerDuty
 * failure its fallback), acknowledging or resolving mirrors
 * to PagerDuty, and resolving cancels what had not fired (a stale timer would do nothing anyway).
 * Pure: the same incident and events always give the same work.
 */
export function escalationEffects(incident: Incident, events: IncidentEvent[]): DurableWork {
  const work: DurableWork = { schedule: [], cancel: [] };
  const now = incident.updatedAt;
  const send = (item: SendItem) =>
    work.schedule.push({ queue: OUTBOX_QUEUE, member: outboxMember(item), dueAt: now });
  const arm = () => {
    for (const { step, dueAt } of pendingTimers(incident, now)) {
      work.schedule.push({
        queue: TIMER_QUEUE,
        member: timerMember({ incidentId: incident.id, stepId: step.id, generation: incident.generation }),
        dueAt,
      });
    }
  };
  for (const event of events) {
    switch (event.type) {
      case 'incident_opened':
      case 'incident_reopened':
      case 'alerts_changed':
        arm();
        break;
      case 'escalation_fired':
        // One item per target: each is sent, retried and recorded on its own.
        for (const item of deliveryItems(incident, event.step)) send(item);
        break;
      case 'escalation_delivered': {
        // PagerDuty could not reach some roles: once every page of the step has ended, one email and
        // one Slack mention reach them instead.
        const step = incident.policy.escalation.find((s) => s.id === event.stepId);
        if (step === undefined || !event.results.some((r) => r.channel === 'pagerduty')) break;
        const unreached = unreachedRoles(incident, step, incident.generation);
        if (unreached === undefined || unreached.length === 0) break;
        const base = { kind: 'send' as const, incidentId: incident.id, generation: incident.generation };
        send({ ...base, stepId: step.id, route: 'fallback_email', target: '*' });
        send({ ...base, stepId: step.id, route: 'fallback_slack', target: '*' });
        break;
      }
      case 'incident_acknowledged':
        if (pagedIn(incident, incident.generation)) {
          work.schedule.push({
            queue: OUTBOX_QUEUE,
            member: outboxMember({
              kind: 'pagerduty',
              action: 'acknowledge',
              incidentId: incident.id,
              generation: incident.generation,
            }),
            dueAt: now,
          });
        }
        for (const step of incident.policy.escalation.filter((s) => s.unless.includes('acknowledged'))) {
          work.cancel.push({
            queue: TIMER_QUEUE,
            member: timerMember({
              incidentId: incident.id,
              stepId: step.id,
              generation: incident.generation,
            }),
          });
        }
        break;
      case 'incident_resolved': {
        // Resolving starts a new generation: the phase that ended is the one before.
        const ended = incident.generation - 1;
        for (const step of incident.policy.escalation) {
          work.cancel.push({
            queue: TIMER_QUEUE,
            member: timerMember({ incidentId: incident.id, stepId: step.id, generation: ended }),
          });
        }
        // The post-mortem draft goes to the thread, durably, whatever happens to this process.
        work.schedule.push({
          queue: POSTMORTEM_QUEUE,
          member: postmortemMember({ incidentId: incident.id, generation: ended }),
          dueAt: now,
        });
        if (pagedIn(incident, ended)) {
          work.schedule.push({
            queue: OUTBOX_QUEUE,
            member: outboxMember({
              kind: 'pagerduty',
              action: 'resolve',
              incidentId: incident.id,
              generation: ended,
            }),
            dueAt: now,
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return work;
}

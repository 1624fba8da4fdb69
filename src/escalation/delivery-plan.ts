import { stepTargets } from '../incidents/escalation-plan';
import type { EscalationStep, Incident } from '../incidents/types';
import type { SendItem } from './work-items';
import { deliveryKey } from './work-items';

/** The delivery items a fired step asks for: one per PagerDuty role, one email, one channel message, DMs per role. */
export function deliveryItems(incident: Incident, step: EscalationStep): SendItem[] {
  const base = {
    kind: 'send' as const,
    incidentId: incident.id,
    generation: incident.generation,
    stepId: step.id,
  };
  return [
    ...stepTargets(step, 'pagerduty').map((role) => ({ ...base, route: 'pagerduty' as const, target: role })),
    ...(stepTargets(step, 'email').length > 0 ? [{ ...base, route: 'email' as const, target: '*' }] : []),
    ...(step.via.includes('slack') ? [{ ...base, route: 'slack' as const, target: '*' }] : []),
    ...stepTargets(step, 'slack_dm').map((role) => ({ ...base, route: 'slack_dm' as const, target: role })),
  ];
}

/**
 * The roles PagerDuty could not reach in a step, once every page of it has ended; undefined while a
 * page is still on its way (the fallback waits for all of them, so it goes once per step).
 */
export function unreachedRoles(
  incident: Incident,
  step: EscalationStep,
  generation: number,
): string[] | undefined {
  const fired = incident.escalations.find((e) => e.stepId === step.id && e.generation === generation);
  if (fired === undefined) return undefined;
  const results = new Map((fired.deliveries ?? []).map((r) => [r.item ?? '', r]));
  const roles = stepTargets(step, 'pagerduty');
  const ended = roles.map((role) => results.get(deliveryKey({ route: 'pagerduty', target: role })));
  if (ended.some((r) => r === undefined)) return undefined;
  return roles.filter((_, i) => ended[i]?.outcome === 'failed');
}

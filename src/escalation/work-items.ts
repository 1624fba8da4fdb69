/** Names and members of the escalation queues. Members are plain strings so any replica can read them. */

export const TIMER_QUEUE = 'escalation-timers';
export const OUTBOX_QUEUE = 'escalation-outbox';

export interface TimerItem {
  incidentId: string;
  stepId: string;
  generation: number;
}

export type OutboxItem =
  | { kind: 'deliver'; incidentId: string; stepId: string; generation: number }
  | { kind: 'pagerduty'; action: 'acknowledge' | 'resolve'; incidentId: string; generation: number }
  | { kind: 'postmortem'; incidentId: string; generation: number };

export const timerMember = (t: TimerItem): string => `${t.incidentId}|${t.stepId}|${t.generation}`;

export function parseTimer(member: string): TimerItem | undefined {
  const [incidentId, stepId, generation] = member.split('|');
  const g = Number(generation);
  return incidentId === undefined || stepId === undefined || !Number.isInteger(g)
    ? undefined
    : { incidentId, stepId, generation: g };
}

export function outboxMember(item: OutboxItem): string {
  switch (item.kind) {
    case 'deliver':
      return `deliver|${item.incidentId}|${item.stepId}|${item.generation}`;
    case 'pagerduty':
      return `pagerduty|${item.action}|${item.incidentId}|${item.generation}`;
    case 'postmortem':
      return `postmortem|${item.incidentId}|${item.generation}`;
  }
}

export function parseOutbox(member: string): OutboxItem | undefined {
  const [kind, a, b, c] = member.split('|');
  if (kind === 'postmortem' && a !== undefined && Number.isInteger(Number(b)))
    return { kind, incidentId: a, generation: Number(b) };
  const generation = Number(c);
  if (a === undefined || b === undefined || !Number.isInteger(generation)) return undefined;
  if (kind === 'deliver') return { kind, incidentId: a, stepId: b, generation };
  if (kind === 'pagerduty' && (a === 'acknowledge' || a === 'resolve'))
    return { kind, action: a, incidentId: b, generation };
  return undefined;
}

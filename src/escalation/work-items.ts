/** Names and members of the escalation queues. Members are plain strings so any replica can read them. */

export const TIMER_QUEUE = 'escalation-timers';
export const OUTBOX_QUEUE = 'escalation-outbox';

export interface TimerItem {
  incidentId: string;
  stepId: string;
  generation: number;
}

/**
 * Where one delivery of a fired step goes. Each is its own outbox item with its own attempts, so a
 * failure or a rate limit of one never re-sends another (GoAlert's outgoing messages):
 * - `pagerduty`: one PagerDuty trigger per role;
 * - `email`: one email to every address of the step's email roles;
 * - `slack`: the message in the escalation channel;
 * - `slack_dm`: direct messages to a role's users;
 * - `fallback_email`, `fallback_slack`: once per step, when PagerDuty could not reach some roles.
 */
export type DeliveryRoute =
  'pagerduty' | 'email' | 'slack' | 'slack_dm' | 'fallback_email' | 'fallback_slack';

const ROUTES: ReadonlySet<string> = new Set<DeliveryRoute>([
  'pagerduty',
  'email',
  'slack',
  'slack_dm',
  'fallback_email',
  'fallback_slack',
]);

/** One delivery item; `target` is a role id, or `*` for a route that goes once per step. */
export interface SendItem {
  kind: 'send';
  route: DeliveryRoute;
  incidentId: string;
  generation: number;
  stepId: string;
  target: string;
}

export type OutboxItem =
  | SendItem
  /** Written by versions before per-target items: expanded into them when claimed. */
  | { kind: 'deliver'; incidentId: string; stepId: string; generation: number }
  | { kind: 'pagerduty'; action: 'acknowledge' | 'resolve'; incidentId: string; generation: number }
  /** Written by versions before the post-mortem queue: still published when claimed. */
  | { kind: 'postmortem'; incidentId: string; generation: number };

/** The key a delivery item's result is recorded under on the incident. */
export const deliveryKey = (item: Pick<SendItem, 'route' | 'target'>): string =>
  `${item.route}:${item.target}`;

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
    case 'send':
      // The incident first: members due at the same moment are claimed in member order, so one
      // incident's items sit together and are claimed by one replica, whose records of them then go in
      // one save instead of racing the other replica's (see Escalation in the README).
      return `send|${item.incidentId}|${item.generation}|${item.stepId}|${item.route}|${item.target}`;
    case 'deliver':
      return `deliver|${item.incidentId}|${item.stepId}|${item.generation}`;
    case 'pagerduty':
      return `pagerduty|${item.action}|${item.incidentId}|${item.generation}`;
    case 'postmortem':
      return `postmortem|${item.incidentId}|${item.generation}`;
  }
}

export function parseOutbox(member: string): OutboxItem | undefined {
  const [kind, a, b, c, d, e] = member.split('|');
  if (kind === 'send') {
    // Written before the evening of 3 December with the route first (send|route|incident|…): still
    // read. An incident id (INC-n) is never a route's name.
    const [route, incidentId, generation, stepId, target] =
      a !== undefined && ROUTES.has(a) ? [a, b, c, d, e] : [d, a, b, c, e];
    if (route === undefined || !ROUTES.has(route) || incidentId === undefined) return undefined;
    if (!Number.isInteger(Number(generation)) || stepId === undefined || target === undefined)
      return undefined;
    return {
      kind,
      route: route as DeliveryRoute,
      incidentId,
      generation: Number(generation),
      stepId,
      target,
    };
  }
  if (kind === 'postmortem' && a !== undefined && Number.isInteger(Number(b)))
    return { kind, incidentId: a, generation: Number(b) };
  const generation = Number(c);
  if (a === undefined || b === undefined || !Number.isInteger(generation)) return undefined;
  if (kind === 'deliver') return { kind, incidentId: a, stepId: b, generation };
  if (kind === 'pagerduty' && (a === 'acknowledge' || a === 'resolve'))
    return { kind, action: a, incidentId: b, generation };
  return undefined;
}

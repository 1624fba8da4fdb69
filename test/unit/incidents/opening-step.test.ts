import { escalationEffects } from '../../../src/escalation/effects';
import { nextDeadline, pendingTimers } from '../../../src/incidents/escalation-plan';
import { transition } from '../../../src/incidents/transition';
import type { EscalationStep, Incident } from '../../../src/incidents/types';
import { alert, group, openWith, policy, receive } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

/** The runbook's channels at open, as incident-policy.ts freezes them (api.5xx: On-call Backend + NOC). */
const opening = (
  trigger: Partial<Extract<EscalationStep['trigger'], { kind: 'opened' }>> = {},
): EscalationStep => ({
  id: 'runbook-channels',
  description: 'Ouverture : canaux du runbook (PagerDuty SEV2 + email)',
  trigger: { kind: 'opened', delayMs: 0, alertsAtLeast: undefined, onReopen: false, ...trigger },
  unless: ['resolved'],
  notify: ['oncall-backend', 'noc'],
  via: ['pagerduty', 'email'],
  routes: { pagerduty: ['oncall-backend'], email: ['noc'] },
  sets: {},
});

function open(step: EscalationStep, alerts = 1): Incident {
  const incident = openWith(
    group(
      Array.from({ length: alerts }, (_, i) => alert(`a${i}`)),
      { policy: policy({ escalation: [step] }) },
    ),
    'INC-1',
    T0,
  );
  return { ...incident, version: 1 };
}

function apply(incident: Incident, command: Parameters<typeof transition>[1], at: number): Incident {
  const result = transition(incident, command, at);
  if (result.outcome !== 'changed') throw new Error(`${command.type}: ${result.outcome}`);
  return result.incident;
}

describe("the runbook's channels at open", () => {
  it('are due at once, and are not shown as a deadline', () => {
    const incident = open(opening());
    expect(pendingTimers(incident, T0)).toEqual([{ step: opening(), dueAt: T0 }]);
    expect(nextDeadline(incident)).toBeUndefined();
  });

  it('page_after firing_for: due that long after opening, shown as the next deadline', () => {
    const incident = open(opening({ delayMs: 5 * 60_000 }));
    expect(pendingTimers(incident, T0).map((t) => t.dueAt)).toEqual([T0 + 5 * 60_000]);
    expect(nextDeadline(incident)?.dueAt).toBe(T0 + 5 * 60_000);
  });

  it('page_after alerts: nothing until the count is reached, then at once', () => {
    const step = opening({ delayMs: undefined, alertsAtLeast: 3 });
    expect(pendingTimers(open(step, 2), T0)).toEqual([]);
    expect(pendingTimers(open(step, 3), T0 + 1000)).toEqual([{ step, dueAt: T0 + 1000 }]);
  });

  it('fire one item per target, and a reopening does not page again unless the runbook says so', () => {
    for (const onReopen of [false, true]) {
      let incident = open(opening({ onReopen }));
      incident = apply(
        incident,
        { type: 'fire_escalation', actor: 'vigie', stepId: 'runbook-channels', generation: 1 },
        T0,
      );
      expect(incident.timeline.at(-1)?.kind).toBe('notified');
      const fired = escalationEffects(incident, [
        { type: 'escalation_fired', incident, step: opening({ onReopen }), by: 'vigie' },
      ]);
      expect(fired.schedule.map((w) => w.member)).toEqual([
        'send|INC-1|1|runbook-channels|pagerduty|oncall-backend',
        'send|INC-1|1|runbook-channels|email|*',
      ]);
      incident = apply(incident, { type: 'resolve', actor: 'U1' }, T0 + 60_000);
      const refire = group([alert('a0', { startsAt: '2026-11-27T00:50:00Z' })], { policy: incident.policy });
      const reopened = receive(incident, refire, T0 + 120_000);
      if (reopened.outcome !== 'changed') throw new Error(`receive_alerts: ${reopened.outcome}`);
      incident = reopened.incident;
      expect(incident.status).toBe('open');
      expect(pendingTimers(incident, T0 + 120_000).length).toBe(onReopen ? 1 : 0);
    }
  });

  it('a PagerDuty failure of every role brings one fallback email and one mention, once all pages ended', () => {
    let incident = open(opening());
    incident = apply(
      incident,
      { type: 'fire_escalation', actor: 'vigie', stepId: 'runbook-channels', generation: 1 },
      T0,
    );
    const record = (item: string, outcome: 'sent' | 'failed') => {
      const result = transition(
        incident,
        {
          type: 'record_delivery',
          stepId: 'runbook-channels',
          generation: 1,
          results: [
            {
              channel: item.startsWith('pagerduty') ? 'pagerduty' : 'email',
              target: 'x',
              outcome,
              detail: '',
              item,
            },
          ],
        },
        T0 + 1000,
      );
      if (result.outcome !== 'changed') throw new Error(result.outcome);
      incident = result.incident;
      return escalationEffects(incident, result.events).schedule.map((w) => w.member);
    };
    expect(record('email:*', 'sent')).toEqual([]);
    expect(record('pagerduty:oncall-backend', 'failed')).toEqual([
      'send|INC-1|1|runbook-channels|fallback_email|*',
      'send|INC-1|1|runbook-channels|fallback_slack|*',
    ]);
    // Recording the same item again changes nothing.
    expect(
      transition(
        incident,
        {
          type: 'record_delivery',
          stepId: 'runbook-channels',
          generation: 1,
          results: [
            {
              channel: 'pagerduty',
              target: 'x',
              outcome: 'failed',
              detail: '',
              item: 'pagerduty:oncall-backend',
            },
          ],
        },
        T0 + 2000,
      ).outcome,
    ).toBe('unchanged');
  });
});

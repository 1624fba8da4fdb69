import { transition } from '../../../src/incidents/transition';
import type { EscalationStep, Incident, IncidentCommand } from '../../../src/incidents/types';
import { alreadyEscalated, noStepToForce, refusalFor } from '../../../src/responders/refusal-for';
import { refusalText } from '../../../src/slack/blocks/refusal-text';
import { alert, group, openWith, policy } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

const step = (id: string, kind: 'opened' | 'deadline'): EscalationStep => ({
  id,
  description: `${id} : Tech Lead <!channel>`,
  trigger:
    kind === 'opened'
      ? { kind: 'opened', delayMs: 0, alertsAtLeast: undefined, onReopen: false }
      : { kind: 'after', afterMs: 15 * 60_000 },
  unless: ['resolved'],
  notify: ['tech-lead'],
  via: ['slack'],
  sets: {},
});

function open(steps: EscalationStep[]): Incident {
  return openWith(group([alert('a')], { policy: policy({ escalation: steps }) }), 'INC-1', T0);
}

function apply(incident: Incident, command: IncidentCommand, at: number): Incident {
  const result = transition(incident, command, at);
  if (result.outcome !== 'changed') throw new Error(`${command.type}: ${JSON.stringify(result)}`);
  return result.incident;
}

describe('what a person is told when the domain refuses', () => {
  it('a second acknowledgement names who acknowledged first, and when', () => {
    const acked = apply(open([]), { type: 'acknowledge', actor: 'U0ALICE01' }, T0 + 60_000);
    const again = transition(acked, { type: 'acknowledge', actor: 'U0BOB0001' }, T0 + 61_000);
    if (again.outcome !== 'rejected') throw new Error(again.outcome);
    const refusal = refusalFor(acked, again.rejection);
    expect(refusal).toEqual({
      code: 'already_acknowledged',
      incidentId: 'INC-1',
      by: 'U0ALICE01',
      at: T0 + 60_000,
    });
    const text = refusalText(refusal, 'fr', (id) => id);
    expect(text).toContain('INC-1 est déjà pris en charge par <@U0ALICE01>');
    expect(text).not.toContain('changé entre-temps');
  });

  it('a mitigation pressed twice names the run in progress; a resolved incident says so', () => {
    const running = apply(
      open([]),
      { type: 'start_mitigation', actor: 'U0ALICE01', mitigationId: 'rollback', staleAfterMs: 60_000 },
      T0,
    );
    const again = transition(
      running,
      { type: 'start_mitigation', actor: 'U0BOB0001', mitigationId: 'rollback', staleAfterMs: 60_000 },
      T0 + 5,
    );
    if (again.outcome !== 'rejected') throw new Error(again.outcome);
    expect(refusalFor(running, again.rejection)).toEqual({
      code: 'already_running',
      by: 'U0ALICE01',
      since: T0,
    });
    expect(refusalFor(running, { code: 'resolved' })).toEqual({ code: 'resolved', incidentId: 'INC-1' });
    expect(refusalFor(running, { code: 'escalation_excused', status: 'acknowledged' })).toEqual({
      code: 'escalation_excused',
      incidentId: 'INC-1',
    });
  });

  it('only a change under the request is worded as one', () => {
    expect(refusalFor(open([]), { code: 'stale_phase', armed: 1, current: 2 })).toMatchObject({
      code: 'rejected',
    });
  });

  it('an escalation that fired already says by whom and when, its runbook words made inert', () => {
    const fired = apply(
      open([step('tech-lead', 'deadline')]),
      { type: 'fire_escalation', actor: 'U0ALICE01', stepId: 'tech-lead', generation: 1 },
      T0 + 1000,
    );
    const tech = fired.policy.escalation[0];
    if (tech === undefined) throw new Error('no step');
    const refusal = alreadyEscalated(fired, tech);
    expect(refusal).toEqual({
      code: 'already_escalated',
      incidentId: 'INC-1',
      step: 'tech-lead : Tech Lead <!channel>',
      by: 'U0ALICE01',
      at: T0 + 1000,
    });
    const text = refusalText(refusal, 'fr', (id) => id);
    expect(text).toContain('Tech Lead &lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('/incident escalate with nothing left to fire: all fired, or a runbook without escalation', () => {
    const withStep = open([step('runbook-channels', 'opened'), step('tech-lead', 'deadline')]);
    const fired = apply(
      withStep,
      { type: 'fire_escalation', actor: 'vigie', stepId: 'tech-lead', generation: 1 },
      T0 + 1000,
    );
    expect(noStepToForce(fired)).toEqual({ code: 'all_escalated', incidentId: 'INC-1' });
    // The runbook's channels at open are not an escalation a person forces.
    expect(noStepToForce(open([step('runbook-channels', 'opened')]))).toEqual({
      code: 'no_escalation',
      incidentId: 'INC-1',
    });
  });
});

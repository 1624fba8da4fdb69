import path from 'node:path';
import { escalationEffects } from '../../../src/escalation/effects';
import { TIMER_QUEUE } from '../../../src/escalation/work-items';
import { dueAt, nextDeadline, pendingTimers } from '../../../src/incidents/escalation-plan';
import { transition } from '../../../src/incidents/transition';
import type { EscalationStep, Incident } from '../../../src/incidents/types';
import { messages } from '../../../src/i18n';
import { runbookPolicy } from '../../../src/runbooks/incident-policy';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { alert, group, openWith, policy, receive } from '../../support/builders';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Vigie receives the alert five days after it started (it was down, or the alert was replayed). */
const STARTED = '2026-11-22T00:00:00Z';
const RECEIVED = Date.parse('2026-11-27T00:00:00Z');

const rpoStep = (from: 'opening' | 'start' | undefined): EscalationStep => ({
  id: 'dpo-rpo',
  description: 'Notifier DPO si retard > 24 h (RPO).',
  trigger: { kind: 'after', afterMs: 24 * HOUR, ...(from === undefined ? {} : { from }) },
  unless: ['resolved'],
  notify: ['dpo'],
  via: ['email'],
  sets: { incidentReportRequired: true },
});

function openLate(step: EscalationStep): Incident {
  const incident = openWith(
    group([alert('a', { startsAt: STARTED })], { policy: policy({ escalation: [step] }) }),
    'INC-1',
    RECEIVED,
  );
  return { ...incident, version: 1 };
}

describe('a deadline step counts from its anchor', () => {
  it('by default from the opening: Vigie received the alert, the clock starts', () => {
    const step = rpoStep(undefined);
    expect(dueAt(openLate(step), step)).toBe(RECEIVED + 24 * HOUR);
  });

  it('from: start, from the incident start the card shows: a late alert is already late', () => {
    const step = rpoStep('start');
    const incident = openLate(step);
    expect(dueAt(incident, step)).toBe(Date.parse(STARTED) + 24 * HOUR);
    // Armed at open with its past deadline: the timer worker fires it at once.
    const work = escalationEffects(incident, [{ type: 'incident_opened', incident }]);
    expect(work.schedule).toContainEqual(
      expect.objectContaining({ queue: TIMER_QUEUE, dueAt: Date.parse(STARTED) + 24 * HOUR }),
    );
    expect(nextDeadline(incident)?.dueAt).toBe(Date.parse(STARTED) + 24 * HOUR);
  });

  it('from: start moves earlier when an alert that started earlier arrives, and is armed again', () => {
    const step = rpoStep('start');
    const fresh = openWith(
      group([alert('a', { startsAt: '2026-11-26T23:00:00Z' })], { policy: policy({ escalation: [step] }) }),
      'INC-2',
      RECEIVED,
    );
    expect(dueAt(fresh, step)).toBe(Date.parse('2026-11-26T23:00:00Z') + 24 * HOUR);
    const older = receive(
      fresh,
      group([alert('a', { startsAt: '2026-11-26T23:00:00Z' }), alert('b', { startsAt: STARTED })], {
        policy: policy({ escalation: [step] }),
      }),
      RECEIVED + MIN,
    );
    if (older.outcome !== 'changed') throw new Error(older.outcome);
    expect(dueAt(older.incident, step)).toBe(Date.parse(STARTED) + 24 * HOUR);
    const work = escalationEffects(older.incident, older.events);
    expect(work.schedule).toContainEqual(
      expect.objectContaining({ queue: TIMER_QUEUE, dueAt: Date.parse(STARTED) + 24 * HOUR }),
    );
  });
});

describe('a reopening', () => {
  function firedThenReopened(step: EscalationStep): Incident {
    let incident = openLate(step);
    const apply = (command: Parameters<typeof transition>[1], at: number) => {
      const result = transition(incident, command, at);
      if (result.outcome !== 'changed') throw new Error(`${command.type}: ${result.outcome}`);
      incident = result.incident;
    };
    apply({ type: 'fire_escalation', actor: 'vigie', stepId: 'dpo-rpo', generation: 1 }, RECEIVED);
    apply({ type: 'resolve', actor: 'U0ALICE' }, RECEIVED + MIN);
    const refire = group([alert('a', { startsAt: '2026-11-27T00:05:00Z' })], { policy: incident.policy });
    const reopened = receive(incident, refire, RECEIVED + 10 * MIN);
    if (reopened.outcome !== 'changed') throw new Error(reopened.outcome);
    expect(reopened.incident.status).toBe('open');
    return reopened.incident;
  }

  it('does not tell again a deadline counted from the start: that instant passed once', () => {
    const incident = firedThenReopened(rpoStep('start'));
    expect(pendingTimers(incident, RECEIVED + 10 * MIN)).toEqual([]);
    expect(nextDeadline(incident)).toBeUndefined();
  });

  it('gives a deadline counted from the opening a new one, from the reopening', () => {
    const step = rpoStep(undefined);
    const incident = firedThenReopened(step);
    expect(pendingTimers(incident, RECEIVED + 10 * MIN)).toEqual([
      { step, dueAt: RECEIVED + 10 * MIN + 24 * HOUR },
    ]);
  });
});

describe('steps due at the same instant', () => {
  const rto: EscalationStep = {
    id: 'rto',
    description: 'Validation RTO.',
    trigger: { kind: 'after', afterMs: 4 * HOUR, from: 'start' },
    unless: ['resolved'],
    notify: ['tech-lead'],
    via: ['pagerduty'],
    sets: { rtoBreached: true },
  };
  const sev1: EscalationStep = {
    id: 'sev1',
    description: 'Monter SEV1 si SLA menacé.',
    trigger: { kind: 'conditions', affectedAtLeast: 3, openLongerThanMs: undefined, slaThreatened: false },
    unless: ['resolved'],
    notify: ['tech-lead'],
    via: ['pagerduty'],
    sets: { severity: 'SEV1' },
  };
  const late = (routes: number): Incident => {
    const alerts = Array.from({ length: routes }, (_, i) => alert(`r${i}`, { startsAt: STARTED }));
    const incident = openWith(
      group(alerts, { policy: policy({ escalation: [rto, sev1] }) }),
      'INC-1',
      RECEIVED,
    );
    return { ...incident, version: 1 };
  };
  const fire = (incident: Incident, stepId: string) => {
    const result = transition(
      incident,
      { type: 'fire_escalation', actor: 'vigie', stepId, generation: 1 },
      RECEIVED,
    );
    if (result.outcome !== 'changed') throw new Error(result.outcome);
    return result;
  };

  it('fire the severity raise first: a late alert on 3 routes pages the RTO at SEV1, not at SEV2 then SEV1', () => {
    const incident = late(3);
    // The RTO timer comes first (its deadline passed days ago); the SEV1 condition is met now.
    expect(pendingTimers(incident, RECEIVED).map((t) => t.step.id)).toEqual(['rto', 'sev1']);
    const { incident: next, events } = fire(incident, 'rto');
    expect(next.severity).toBe('SEV1');
    expect(
      events.map((e) => (e.type === 'escalation_fired' ? `${e.step.id}@${e.incident.severity}` : e.type)),
    ).toEqual(['sev1@SEV1', 'rto@SEV1']);
    expect(next.escalations.map((e) => e.stepId)).toEqual(['sev1', 'rto']);
    expect(next.flags.rtoBreached).toBe(true);
    // The SEV1 timer, when it comes, finds its step fired: nothing is paged twice.
    expect(
      transition(next, { type: 'fire_escalation', actor: 'vigie', stepId: 'sev1', generation: 1 }, RECEIVED)
        .outcome,
    ).toBe('unchanged');
  });

  it('keep the raise as Vigie’s doing when a person forces the step it goes with', () => {
    const result = transition(
      late(3),
      { type: 'fire_escalation', actor: 'U0ALICE', stepId: 'rto', generation: 1 },
      RECEIVED,
    );
    if (result.outcome !== 'changed') throw new Error(result.outcome);
    expect(result.incident.escalations.map((e) => `${e.stepId}:${e.by}`)).toEqual([
      'sev1:vigie',
      'rto:U0ALICE',
    ]);
    expect(result.incident.timeline.slice(-2).map((e) => `${e.details[0] ?? ''}:${e.actor}`)).toEqual([
      'sev1:vigie',
      'rto:U0ALICE',
    ]);
  });

  it('leave a raise that is not due to its own time: 2 routes page the RTO alone, at the severity of the moment', () => {
    const { incident: next, events } = fire(late(2), 'rto');
    expect(next.severity).toBe('SEV2');
    expect(events.map((e) => e.type === 'escalation_fired' && e.step.id)).toEqual(['rto']);
  });
});

describe('the seed runbooks anchor their SLO clocks on the incident start, as the card does', () => {
  it('RTO (api.5xx), SLA over an hour (api.latency) and RPO (audit.job.failure) count from the start', async () => {
    const set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
    const anchors = set.runbooks.flatMap((r) =>
      r.escalation.flatMap((s) => ('after' in s.when ? [`${r.id}/${s.id}:${s.when.from}`] : [])),
    );
    expect(anchors).toEqual(
      expect.arrayContaining([
        'api.5xx/tech-lead:opening',
        'api.5xx/rto:start',
        'api.latency/postmortem-sla:start',
        'audit.job.failure/dpo-rpo:start',
        'calendar.queue/integrations-support:opening',
      ]),
    );
    // Frozen onto the incident as it opens: the audit incident's DPO step counts from its start.
    const audit = set.runbooks.find((r) => r.id === 'audit.job.failure');
    if (audit === undefined) throw new Error('no audit.job.failure runbook');
    const frozen = runbookPolicy(audit, set.slo, undefined, messages('fr').policy).escalation;
    expect(frozen.find((s) => s.id === 'dpo-rpo')?.trigger).toEqual({
      kind: 'after',
      afterMs: 24 * HOUR,
      from: 'start',
    });
  });
});

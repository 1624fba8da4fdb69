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

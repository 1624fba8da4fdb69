import { JUST_RAN_MS } from '../../../src/incidents/mitigation-commands';
import { declareIncident, transition } from '../../../src/incidents/transition';
import type { Incident, IncidentCommand, MitigationOutcome, Transition } from '../../../src/incidents/types';
import { alert, group, openWith, policy } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');
const STALE = 60_000;

function opened(): Incident {
  return openWith(group([alert('a')]), 'INC-1', T0);
}

function apply(incident: Incident, command: IncidentCommand, at = T0): Incident {
  const result = transition(incident, command, at);
  if (result.outcome !== 'changed')
    throw new Error(`expected a change, got ${result.outcome}: ${JSON.stringify(result)}`);
  return result.incident;
}

describe('triage', () => {
  it('ticks and unticks a step, recording who and when', () => {
    const ticked = apply(opened(), { type: 'check_triage', actor: 'U1', stepId: 'grafana-api-core' }, T0 + 5);
    expect(ticked.triage['grafana-api-core']).toEqual({ by: 'U1', at: T0 + 5 });
    expect(ticked.timeline.at(-1)).toMatchObject({
      kind: 'triage_checked',
      actor: 'U1',
      details: ['grafana-api-core'],
      seq: 2,
    });
    expect(
      transition(ticked, { type: 'check_triage', actor: 'U2', stepId: 'grafana-api-core' }, T0).outcome,
    ).toBe('unchanged');
    const unticked = apply(ticked, { type: 'uncheck_triage', actor: 'U2', stepId: 'grafana-api-core' });
    expect(unticked.triage).toEqual({});
  });
});

describe('mitigations', () => {
  it('runs one at a time: a second press while running is rejected, a finished run can be retried', () => {
    const started = apply(opened(), {
      type: 'start_mitigation',
      actor: 'U1',
      mitigationId: 'rollback',
      staleAfterMs: STALE,
    });
    expect(started.mitigations.rollback).toEqual([
      expect.objectContaining({ number: 1, status: 'running', by: 'U1' }),
    ]);
    const again = transition(
      started,
      { type: 'start_mitigation', actor: 'U2', mitigationId: 'rollback', staleAfterMs: STALE },
      T0 + 10,
    );
    expect(again).toEqual({
      outcome: 'rejected',
      rejection: { code: 'mitigation_running', by: 'U1', since: T0 },
    });

    const failed = apply(
      started,
      {
        type: 'finish_mitigation',
        mitigationId: 'rollback',
        number: 1,
        outcome: { status: 'failed', httpStatus: 500, durationMs: 42, message: 'boom' },
      },
      T0 + 100,
    );
    expect(failed.mitigations.rollback?.[0]).toMatchObject({
      status: 'failed',
      httpStatus: 500,
      finishedAt: T0 + 100,
    });
    expect(failed.timeline.at(-1)).toMatchObject({
      kind: 'mitigation_failed',
      details: ['rollback', 'HTTP 500', 'boom'],
    });

    const retried = apply(failed, {
      type: 'start_mitigation',
      actor: 'U2',
      mitigationId: 'rollback',
      staleAfterMs: STALE,
    });
    expect(retried.mitigations.rollback?.map((r) => r.number)).toEqual([1, 2]);
  });

  it('refuses a press within 30 s of a success as a double click; later it runs again', () => {
    const start = {
      type: 'start_mitigation',
      actor: 'U1',
      mitigationId: 'rollback',
      staleAfterMs: STALE,
    } as const;
    const started = apply(opened(), start);
    const succeeded = apply(
      started,
      {
        type: 'finish_mitigation',
        mitigationId: 'rollback',
        number: 1,
        outcome: { status: 'succeeded', httpStatus: 200, durationMs: 40, message: undefined },
      },
      T0 + 100,
    );
    expect(transition(succeeded, { ...start, actor: 'U1' }, T0 + 400)).toMatchObject({
      outcome: 'rejected',
      rejection: { code: 'mitigation_just_ran', by: 'U1', at: T0 + 100 },
    });
    expect(transition(succeeded, start, T0 + 100 + JUST_RAN_MS - 1).outcome).toBe('rejected');
    const again = apply(succeeded, start, T0 + 100 + JUST_RAN_MS);
    expect(again.mitigations.rollback?.map((r) => r.number)).toEqual([1, 2]);
  });

  it('lets a run presumed lost (still running past its stale limit) be started again', () => {
    const started = apply(opened(), {
      type: 'start_mitigation',
      actor: 'U1',
      mitigationId: 'rollback',
      staleAfterMs: STALE,
    });
    expect(
      transition(
        started,
        { type: 'start_mitigation', actor: 'U2', mitigationId: 'rollback', staleAfterMs: STALE },
        T0 + STALE,
      ).outcome,
    ).toBe('changed');
  });

  it('refuses to start a mitigation on a resolved incident, and finishing twice changes nothing', () => {
    const resolved = apply(opened(), { type: 'resolve', actor: 'U1' });
    expect(
      transition(
        resolved,
        { type: 'start_mitigation', actor: 'U1', mitigationId: 'rollback', staleAfterMs: STALE },
        T0,
      ),
    ).toEqual({ outcome: 'rejected', rejection: { code: 'resolved' } });
    const started = apply(opened(), {
      type: 'start_mitigation',
      actor: 'U1',
      mitigationId: 'x',
      staleAfterMs: STALE,
    });
    const done = apply(started, {
      type: 'finish_mitigation',
      mitigationId: 'x',
      number: 1,
      outcome: { status: 'succeeded', httpStatus: 200, durationMs: 5, message: undefined },
    });
    expect(
      transition(
        done,
        {
          type: 'finish_mitigation',
          mitigationId: 'x',
          number: 1,
          outcome: { status: 'failed', httpStatus: 500, durationMs: 5, message: undefined },
        },
        T0,
      ).outcome,
    ).toBe('unchanged');
  });
});

describe('notes, resolution details, escalation, declaration', () => {
  it('records a note and a resolution with its cause, summary and customer impact', () => {
    const noted = apply(opened(), { type: 'add_note', actor: 'U1', text: 'rollback en cours' });
    expect(noted.timeline.at(-1)).toMatchObject({ kind: 'note', details: ['rollback en cours'] });
    const resolution = { cause: 'déploiement 4.2', summary: 'rollback', customerImpact: 'aucun' };
    const resolved = apply(noted, { type: 'resolve', actor: 'U1', resolution });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'U1', resolution });
  });

  it('declares an incident with no alert, a key of its own and no auto-resolution', () => {
    const declared = declareIncident(
      'INC-9',
      policy(),
      'Clients ne reçoivent plus les notifications',
      'U1',
      T0,
    );
    expect(declared).toMatchObject({
      key: 'declared|INC-9',
      status: 'open',
      summary: 'Clients ne reçoivent plus les notifications',
      alertTally: { firing: 0, resolved: 0 },
    });
    expect(declared.policy.autoResolve).toBe(false);
    expect(declared.timeline).toEqual([expect.objectContaining({ kind: 'declared', actor: 'U1', seq: 1 })]);
  });
});

describe('mitigation outcomes that nobody knows', () => {
  const T = Date.parse('2026-11-27T01:00:00Z');
  const start = (incident: Incident, at: number) =>
    transition(
      incident,
      { type: 'start_mitigation', actor: 'U1', mitigationId: 'rollback', staleAfterMs: 60_000 },
      at,
    );
  const finish = (incident: Incident, number: number, outcome: MitigationOutcome, at: number) =>
    transition(incident, { type: 'finish_mitigation', mitigationId: 'rollback', number, outcome }, at);
  const changedIncident = (t: Transition): Incident => {
    if (t.outcome !== 'changed') throw new Error(t.outcome);
    return t.incident;
  };
  const unknown: MitigationOutcome = {
    status: 'failed',
    httpStatus: undefined,
    durationMs: 30_000,
    message: 'no answer within 30000 ms (timeout)',
    unknown: true,
  };

  it('a retry after an unknown outcome sends the same idempotency key; after a known failure, a new one', () => {
    let incident = changedIncident(start(opened(), T));
    incident = changedIncident(finish(incident, 1, unknown, T + 30_000));
    incident = changedIncident(start(incident, T + 40_000));
    expect(incident.mitigations.rollback?.at(-1)).toMatchObject({ number: 2, keyRun: 1 });
    incident = changedIncident(
      finish(incident, 2, { ...unknown, unknown: false, httpStatus: 500 }, T + 41_000),
    );
    incident = changedIncident(start(incident, T + 50_000));
    expect(incident.mitigations.rollback?.at(-1)).toMatchObject({ number: 3, keyRun: 3 });
  });

  it('the real outcome replaces an "unknown" given by the stale-run sweep; nothing replaces a known one', () => {
    let incident = changedIncident(start(opened(), T));
    incident = changedIncident(finish(incident, 1, unknown, T + 120_000));
    const real: MitigationOutcome = { status: 'succeeded', httpStatus: 202, durationMs: 900, message: 'ok' };
    incident = changedIncident(finish(incident, 1, real, T + 121_000));
    expect(incident.mitigations.rollback?.[0]).toMatchObject({ status: 'succeeded', httpStatus: 202 });
    expect(finish(incident, 1, unknown, T + 122_000).outcome).toBe('unchanged');
  });
});

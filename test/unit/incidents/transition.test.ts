import { canReopen, openIncident, transition, TIMELINE_LIMIT } from '../../../src/incidents/transition';
import { ALERT_WAVE_MS } from '../../../src/incidents/timeline';
import type { Incident } from '../../../src/incidents/types';
import { alert, group, openWith, receive, storedAlerts } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

function opened(): Incident {
  return openWith(group([alert('a'), alert('b')]), 'INC-1', T0);
}

const fingerprints = (incident: Incident) => storedAlerts(incident).map((a) => a.fingerprint);

function changed(result: ReturnType<typeof transition>): Incident {
  if (result.outcome !== 'changed') throw new Error(`expected a change, got ${result.outcome}`);
  return result.incident;
}

describe('openIncident', () => {
  it('opens with every firing alert, the runbook severity and an "opened" timeline entry', () => {
    const incident = opened();
    expect(incident.status).toBe('open');
    expect(incident.severity).toBe('SEV2');
    expect(fingerprints(incident)).toEqual(['a', 'b']);
    expect(incident.alertTally).toMatchObject({ firing: 2, resolved: 0, names: ['ApiHttp5xxErrors'] });
    expect(incident.timeline).toEqual([
      { seq: 1, at: T0, actor: 'alertmanager', kind: 'opened', details: ['/api/v1/a', '/api/v1/b'] },
    ]);
    expect(incident.generation).toBe(1);
  });

  it('opens nothing from a delivery with no firing alert', () => {
    expect(openIncident(group([alert('a', { status: 'resolved' })]), 'INC-1', T0)).toBeNull();
  });
});

describe('transition receive_alerts', () => {
  it('treats the same (fingerprint, startsAt, status) again as a duplicate', () => {
    const result = receive(opened(), group([alert('a'), alert('b')]), T0 + 1000);
    expect(result.outcome).toBe('unchanged');
  });

  it('adds a new route to the incident and records it', () => {
    const next = changed(receive(opened(), group([alert('c')]), T0 + 1000));
    expect(fingerprints(next)).toEqual(['a', 'b', 'c']);
    expect(next.alertTally).toMatchObject({ firing: 3, resolved: 0 });
    expect(next.timeline.at(-1)).toMatchObject({ kind: 'alerts_firing', details: ['/api/v1/c'] });
    expect(next.status).toBe('open');
  });

  it('resolves one route and keeps the incident open while another fires', () => {
    const resolvedB = alert('b', { status: 'resolved', endsAt: '2026-11-27T00:43:36Z' });
    const next = changed(receive(opened(), group([alert('a'), resolvedB]), T0 + 1000));
    expect(storedAlerts(next).find((a) => a.fingerprint === 'b')?.status).toBe('resolved');
    expect(next.alertTally).toMatchObject({ firing: 1, resolved: 1 });
    expect(next.status).toBe('open');
  });

  it('resolves the incident automatically when the last alert resolves, and bumps the generation', () => {
    const resolvedAll = group([alert('a', { status: 'resolved' }), alert('b', { status: 'resolved' })]);
    const result = receive(opened(), resolvedAll, T0 + 5000);
    const next = changed(result);
    expect(next.status).toBe('resolved');
    expect(next.resolvedBy).toBe('alertmanager');
    expect(next.resolvedAt).toBe(T0 + 5000);
    expect(next.generation).toBe(2);
    if (result.outcome === 'changed') expect(result.events.map((e) => e.type)).toContain('incident_resolved');
  });

  it('does not auto-resolve when the runbook says not to', () => {
    const incident = { ...opened(), policy: { ...opened().policy, autoResolve: false } };
    const resolvedAll = group([alert('a', { status: 'resolved' }), alert('b', { status: 'resolved' })]);
    expect(changed(receive(incident, resolvedAll, T0)).status).toBe('open');
  });

  it('ignores a late firing copy of an alert that already resolved (same startsAt)', () => {
    const resolvedA = changed(receive(opened(), group([alert('a', { status: 'resolved' })]), T0));
    expect(receive(resolvedA, group([alert('a')]), T0).outcome).toBe('unchanged');
  });

  it('reopens a resolved incident on a new occurrence (later startsAt) and says so', () => {
    const resolvedAll = group([alert('a', { status: 'resolved' }), alert('b', { status: 'resolved' })]);
    const resolved = changed(receive(opened(), resolvedAll, T0 + 1000));
    const refire = group([alert('a', { startsAt: '2026-11-27T00:50:00Z' })]);
    const result = receive(resolved, refire, T0 + 60_000);
    const next = changed(result);
    expect(next.status).toBe('open');
    expect(next.generation).toBe(3);
    expect(next.resolvedAt).toBeUndefined();
    if (result.outcome === 'changed') expect(result.events.map((e) => e.type)).toContain('incident_reopened');
  });

  it('records truncatedAlerts from Alertmanager', () => {
    const next = changed(receive(opened(), group([], { truncatedAlerts: 42 }), T0));
    expect(next.truncatedAlerts).toBe(42);
    expect(next.timeline.at(-1)).toMatchObject({ kind: 'truncated', details: ['42'] });
  });

  it('keeps the timeline bounded and counts what it dropped', () => {
    let incident = opened();
    for (let i = 0; i < TIMELINE_LIMIT + 5; i += 1) {
      incident = changed(receive(incident, group([alert(`x${i}`)]), T0 + i * (ALERT_WAVE_MS + 1)));
    }
    expect(incident.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(incident.timelineDropped).toBe(6);
  });

  it('a wave of alerts within minutes is one timeline entry naming ten items and counting the rest', () => {
    let incident = opened();
    for (let i = 0; i < 40; i += 1) {
      const wave = group([alert(`w${String(i).padStart(2, '0')}`), alert(`v${String(i).padStart(2, '0')}`)]);
      incident = changed(receive(incident, wave, T0 + i * 1000));
    }
    expect(incident.timeline.map((e) => e.kind)).toEqual(['opened', 'alerts_firing']);
    expect(incident.timeline.at(-1)?.details).toHaveLength(11);
    expect(incident.timeline.at(-1)?.details.at(-1)).toBe('+70');
    // A note in between ends the wave: later alerts get an entry of their own.
    incident = changed(
      transition(incident, { type: 'add_note', actor: 'U1', text: 'rollback lancé' }, T0 + 50_000),
    );
    incident = changed(receive(incident, group([alert('late')]), T0 + 60_000));
    expect(incident.timeline.map((e) => e.kind)).toEqual([
      'opened',
      'alerts_firing',
      'note',
      'alerts_firing',
    ]);
  });

  it('names at most ten items per timeline entry, then "+N"', () => {
    const many = Array.from({ length: 25 }, (_, i) => alert(`m${String(i).padStart(2, '0')}`));
    const next = changed(receive(opened(), group(many), T0));
    expect(next.timeline.at(-1)?.details).toHaveLength(11);
    expect(next.timeline.at(-1)?.details.at(-1)).toBe('+15');
  });

  it('does not mutate the incident it was given', () => {
    const incident = opened();
    const snapshot = structuredClone(incident);
    receive(incident, group([alert('c')]), T0);
    expect(incident).toEqual(snapshot);
  });
});

describe('acknowledge and resolve', () => {
  it('acknowledges an open incident once', () => {
    const acked = changed(transition(opened(), { type: 'acknowledge', actor: 'U123' }, T0 + 60_000));
    expect(acked).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'U123',
      acknowledgedAt: T0 + 60_000,
    });
    // The second responder is told who got there first, and when.
    expect(transition(acked, { type: 'acknowledge', actor: 'U456' }, T0 + 61_000)).toEqual({
      outcome: 'rejected',
      rejection: { code: 'already_acknowledged', by: 'U123', at: T0 + 60_000 },
    });
  });

  it('resolves by hand and rejects a second resolution', () => {
    const resolved = changed(transition(opened(), { type: 'resolve', actor: 'U123' }, T0 + 1));
    expect(resolved.resolvedBy).toBe('U123');
    expect(transition(resolved, { type: 'resolve', actor: 'U123' }, T0)).toEqual({
      outcome: 'rejected',
      rejection: { code: 'resolved' },
    });
  });
});

describe('canReopen', () => {
  it('reopens only within the runbook window after resolution', () => {
    const resolved = changed(transition(opened(), { type: 'resolve', actor: 'U1' }, T0));
    expect(canReopen(resolved, T0 + 30 * 60_000)).toBe(true);
    expect(canReopen(resolved, T0 + 30 * 60_000 + 1)).toBe(false);
    expect(canReopen(opened(), T0)).toBe(false);
  });
});

describe('an alert that fires again with the startsAt of its resolution (Alertmanager keeps it)', () => {
  const resolvedBoth = () => {
    const incident = changed(
      receive(
        opened(),
        group([
          alert('a', { status: 'resolved', endsAt: '2026-11-27T00:50:00Z' }),
          alert('b', { status: 'resolved', endsAt: '2026-11-27T00:50:00Z' }),
        ]),
        T0 + 60_000,
      ),
    );
    expect(incident.status).toBe('resolved');
    return incident;
  };

  it('a late copy of the old firing (within a minute of the resolution) changes nothing', () => {
    const result = receive(resolvedBoth(), group([alert('a')]), T0 + 90_000);
    expect(result.outcome).toBe('unchanged');
  });

  it('the same firing received later than that reopens the incident', () => {
    const incident = changed(receive(resolvedBoth(), group([alert('a')]), T0 + 60_000 + 5 * 60_000));
    expect(incident.status).toBe('open');
    expect(incident.timeline.at(-1)?.kind).toBe('reopened');
  });

  it('a firing whose endsAt is later than the resolution fires again at once', () => {
    const incident = changed(
      receive(resolvedBoth(), group([alert('a', { endsAt: '2026-11-27T01:10:00Z' })]), T0 + 61_000),
    );
    expect(incident.status).toBe('open');
  });
});

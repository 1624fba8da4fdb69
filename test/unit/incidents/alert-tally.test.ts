import {
  CLOSED_WINDOWS_LIMIT,
  addWindow,
  alertWindows,
  emptyTally,
  tallyAlert,
} from '../../../src/incidents/alert-tally';
import { alert, group, openWith, receive } from '../../support/builders';

const T = (iso: string) => Date.parse(iso);
const NOW = T('2026-11-27T02:00:00Z');

describe('the alert tally an incident keeps instead of its alerts', () => {
  it('counts firing and resolved alerts through resolutions and re-fires', () => {
    let tally = emptyTally();
    const a = alert('a', { startsAt: '2026-11-27T01:00:00Z' });
    tally = tallyAlert(tally, undefined, a, NOW);
    tally = tallyAlert(tally, undefined, alert('b', { startsAt: '2026-11-27T01:10:00Z' }), NOW);
    expect(tally).toMatchObject({ firing: 2, resolved: 0, firingSince: T('2026-11-27T01:00:00Z') });
    const resolvedA = { ...a, status: 'resolved' as const, endsAt: '2026-11-27T01:30:00Z' };
    tally = tallyAlert(tally, a, resolvedA, NOW);
    expect(tally).toMatchObject({ firing: 1, resolved: 1 });
    expect(tally.closedWindows).toEqual([
      { start: T('2026-11-27T01:00:00Z'), end: T('2026-11-27T01:30:00Z') },
    ]);
    const refired = { ...a, startsAt: '2026-11-27T01:50:00Z' };
    tally = tallyAlert(tally, resolvedA, refired, NOW);
    expect(tally).toMatchObject({ firing: 2, resolved: 0, firstStartsAt: T('2026-11-27T01:00:00Z') });
  });

  it('forgets the firing stretch once nothing fires, and counts up to now while something does', () => {
    let tally = tallyAlert(emptyTally(), undefined, alert('a', { startsAt: '2026-11-27T01:00:00Z' }), NOW);
    expect(alertWindows(tally, NOW)).toEqual([{ start: T('2026-11-27T01:00:00Z'), end: NOW }]);
    tally = tallyAlert(
      tally,
      alert('a', { startsAt: '2026-11-27T01:00:00Z' }),
      alert('a', { startsAt: '2026-11-27T01:00:00Z', status: 'resolved', endsAt: '2026-11-27T01:20:00Z' }),
      NOW,
    );
    expect(tally.firingSince).toBeUndefined();
    expect(alertWindows(tally, NOW + 3_600_000)).toEqual([
      { start: T('2026-11-27T01:00:00Z'), end: T('2026-11-27T01:20:00Z') },
    ]);
  });

  it('a resolution dated before the counted start (a replay) keeps what was counted while it fired', () => {
    // Received firing at NOW, five days after it started: counted from an hour before receipt.
    const firing = { ...alert('a', { startsAt: '2026-11-22T00:00:00Z' }), receivedAt: NOW };
    let tally = tallyAlert(emptyTally(), undefined, firing, NOW, 3_600_000);
    const counted = [{ start: NOW - 3_600_000, end: NOW + 600_000 }];
    expect(alertWindows(tally, NOW + 600_000)).toEqual(counted);
    // Its resolution, 10 minutes later, says it ended days ago: the card's figure does not drop.
    const resolved = { ...firing, status: 'resolved' as const, endsAt: '2026-11-22T00:05:00Z' };
    tally = tallyAlert(tally, firing, resolved, NOW + 600_000, 3_600_000);
    expect(tally.closedWindows).toEqual(counted);
    // The same replayed resolution for an alert never counted firing counts nothing.
    const unseen = tallyAlert(emptyTally(), undefined, { ...resolved, fingerprint: 'b' }, NOW, 3_600_000);
    expect(unseen.closedWindows).toEqual([]);
  });

  it('never starts an alert later than its receipt (an Alertmanager clock ahead)', () => {
    const tally = tallyAlert(emptyTally(), undefined, alert('a', { startsAt: '2026-11-27T03:00:00Z' }), NOW);
    expect(tally.firstStartsAt).toBe(NOW);
    expect(alertWindows(tally, NOW)).toEqual([]);
  });

  it('keeps closed windows merged and bounded: beyond the limit the closest two merge', () => {
    let windows = [{ start: 0, end: 10 }];
    windows = addWindow(windows, { start: 5, end: 20 });
    expect(windows).toEqual([{ start: 0, end: 20 }]);
    for (let i = 1; i <= CLOSED_WINDOWS_LIMIT + 5; i += 1)
      windows = addWindow(windows, { start: i * 100, end: i * 100 + 10 + (i % 7) });
    expect(windows).toHaveLength(CLOSED_WINDOWS_LIMIT);
    const covered = windows.reduce((sum, w) => sum + (w.end - w.start), 0);
    expect(covered).toBeGreaterThanOrEqual(20);
  });

  it('a delivery returns only the alerts it changed; a pure re-send changes nothing', () => {
    const incident = openWith(group([alert('a'), alert('b')]), 'INC-3', T('2026-11-27T00:44:00Z'));
    const resend = receive(incident, group([alert('a'), alert('b')]), T('2026-11-27T00:49:00Z'));
    expect(resend.outcome).toBe('unchanged');
    const grown = receive(incident, group([alert('a'), alert('b'), alert('c')]), T('2026-11-27T00:49:00Z'));
    if (grown.outcome !== 'changed') throw new Error('expected a change');
    expect(grown.alerts?.map((a) => a.fingerprint)).toEqual(['c']);
    expect(grown.incident.alertTally).toMatchObject({ firing: 3, resolved: 0 });
  });
});

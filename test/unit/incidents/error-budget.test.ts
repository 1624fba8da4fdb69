import {
  consumption,
  errorBudget,
  impactWindows,
  monthOf,
  projectToMonthEnd,
  slaThreatened,
  union,
} from '../../../src/incidents/error-budget';
import type { Incident } from '../../../src/incidents/types';
import { alert, group, openWith, receive } from '../../support/builders';

const H = 3_600_000;
const BUDGET = 3.6 * H;
const at = (iso: string) => Date.parse(iso);

/** An incident whose alerts fired over `windows` (no end: still firing), as received at `receivedAt`. */
function incident(windows: Array<[string, string | undefined]>, receivedAt?: number): Incident {
  const alerts = windows.map(([start], i) => alert(`a${i}`, { startsAt: start, path: `/r${i}` }));
  const latest = Math.max(...windows.flat().map((t) => (t === undefined ? 0 : at(t))));
  const now = receivedAt ?? latest;
  const opened = openWith(group(alerts), 'INC-1', now);
  const ends = windows.flatMap(([, end], i) => {
    const firing = alerts[i];
    return end === undefined || firing === undefined
      ? []
      : [{ ...firing, status: 'resolved' as const, endsAt: end }];
  });
  if (ends.length === 0) return opened;
  const result = receive(opened, group(ends), now);
  if (result.outcome !== 'changed') throw new Error('expected the resolutions to change the incident');
  return result.incident;
}

describe('error budget (99.5 % a month = 3 h 36)', () => {
  it('counts a scripted month: 2 h 24 of api.5xx consume 66.7 % of the budget', () => {
    const month = [
      incident([['2026-11-03T10:00:00Z', '2026-11-03T11:00:00Z']]),
      incident([['2026-11-10T08:00:00Z', '2026-11-10T08:54:00Z']]),
      incident([['2026-11-20T22:00:00Z', '2026-11-20T22:30:00Z']]),
    ];
    const figures = errorBudget(month, BUDGET, at('2026-11-27T12:00:00Z'));
    expect(figures.consumedMs).toBe(2.4 * H);
    expect(figures.consumedRatio).toBeCloseTo(0.6667, 4);
    expect(figures.remainingMs).toBe(1.2 * H);
  });

  it('counts overlapping routes of one outage once', () => {
    const two = incident([
      ['2026-11-03T10:00:00Z', '2026-11-03T11:00:00Z'],
      ['2026-11-03T10:30:00Z', '2026-11-03T11:30:00Z'],
    ]);
    expect(errorBudget([two], BUDGET, at('2026-11-27T00:00:00Z')).consumedMs).toBe(1.5 * H);
    expect(
      union([
        { start: 0, end: 10 },
        { start: 5, end: 20 },
        { start: 30, end: 40 },
      ]),
    ).toEqual([
      { start: 0, end: 20 },
      { start: 30, end: 40 },
    ]);
  });

  it('splits an outage across a month boundary', () => {
    const night = incident([['2026-10-31T23:00:00Z', '2026-11-01T01:00:00Z']]);
    expect(errorBudget([night], BUDGET, at('2026-11-15T00:00:00Z')).consumedMs).toBe(1 * H);
    expect(errorBudget([night], BUDGET, at('2026-10-31T23:30:00Z')).consumedMs).toBe(0.5 * H);
    expect(monthOf(at('2026-12-31T23:59:59Z'))).toEqual({
      start: at('2026-12-01T00:00:00Z'),
      end: at('2027-01-01T00:00:00Z'),
    });
  });

  it('counts a still-firing alert up to now, and never a negative duration from clock skew', () => {
    const now = at('2026-11-27T12:00:00Z');
    expect(errorBudget([incident([['2026-11-27T11:00:00Z', undefined]])], BUDGET, now).consumedMs).toBe(
      1 * H,
    );
    const skewed = incident([['2026-11-27T12:05:00Z', undefined]], now);
    expect(impactWindows(skewed, now)).toEqual([]);
    expect(errorBudget([skewed], BUDGET, now).consumedMs).toBe(0);
  });

  it('uses the impact window a responder corrected when resolving', () => {
    const corrected = {
      ...incident([['2026-11-03T10:00:00Z', '2026-11-03T14:00:00Z']]),
      status: 'resolved' as const,
    };
    corrected.resolution = {
      cause: 'x',
      summary: 'y',
      customerImpact: 'z',
      impact: { start: at('2026-11-03T10:00:00Z'), end: at('2026-11-03T10:45:00Z') },
    };
    expect(errorBudget([corrected], BUDGET, at('2026-11-27T00:00:00Z')).consumedMs).toBe(0.75 * H);
  });

  it('projects to month end and says when the SLA is threatened', () => {
    // Half of November gone, half the budget used: on track to exhaust it exactly.
    const half = incident([['2026-11-05T00:00:00Z', '2026-11-05T01:48:00Z']]);
    const figures = errorBudget([half], BUDGET, at('2026-11-16T00:00:00Z'));
    expect(figures.burnRate).toBeCloseTo(1, 5);
    expect(figures.projectedMs).toBeCloseTo(BUDGET, -3);
    expect(slaThreatened(figures, { remainingRatioBelow: 0.25, projectedBreach: false })).toBe(false);
    expect(slaThreatened(figures, { remainingRatioBelow: 0.6, projectedBreach: false })).toBe(true);
    const worse = errorBudget(
      [incident([['2026-11-05T00:00:00Z', '2026-11-05T02:00:00Z']])],
      BUDGET,
      at('2026-11-16T00:00:00Z'),
    );
    expect(slaThreatened(worse, { remainingRatioBelow: undefined, projectedBreach: true })).toBe(true);
  });

  it('counts a month’s pace over at least the minimum history before projecting a breach', () => {
    const DAY = 24 * H;
    const RULE = { remainingRatioBelow: 0.25, projectedBreach: true };
    // 1 December, 01:10: an api.5xx outage of 30 s so far.
    const now = at('2026-12-01T01:10:00Z');
    const blip = [incident([['2026-12-01T01:09:30Z', undefined]], now)];
    const raw = errorBudget(blip, BUDGET, now);
    expect(raw.consumedMs).toBe(30_000);
    // Over the month's 70 minutes, 30 s project to 5 h 19 min: « SLA menacé » from a blip.
    expect(raw.projectedMs / H).toBeCloseTo(5.31, 2);
    expect(slaThreatened(raw, RULE)).toBe(true);
    const counted = errorBudget(blip, BUDGET, now, 7 * DAY);
    expect(counted.projectedMs / 60_000).toBeCloseTo((0.5 * 31) / 7, 5);
    expect(counted.projectedOverMs).toBe(7 * DAY);
    expect(slaThreatened(counted, RULE)).toBe(false);
    // The first week still projects a breach from about 50 minutes of outage (31-day month: 48.8).
    const hour = [incident([['2026-12-03T10:00:00Z', '2026-12-03T10:49:00Z']])];
    expect(slaThreatened(errorBudget(hour, BUDGET, at('2026-12-04T00:00:00Z'), 7 * DAY), RULE)).toBe(true);
    // Once the month is older than the minimum, its own pace: the same figures as without one.
    const later = at('2026-12-16T00:00:00Z');
    expect(errorBudget(hour, BUDGET, later, 7 * DAY)).toEqual(errorBudget(hour, BUDGET, later));
    expect(errorBudget(hour, BUDGET, later, 7 * DAY).projectedOverMs).toBeUndefined();
  });

  it('projects at the pace counted over the longer of the month so far and the minimum', () => {
    expect(projectToMonthEnd(H, 10 * H, 100 * H, 0)).toEqual({
      projectedMs: 10 * H,
      projectedOverMs: undefined,
    });
    expect(projectToMonthEnd(H, 10 * H, 100 * H, 20 * H)).toEqual({
      projectedMs: 5 * H,
      projectedOverMs: 20 * H,
    });
  });

  it('derives the same figures from a consumption, whatever measured it (incidents or Prometheus)', () => {
    // 1 h of a 4 h budget, 10 h into a 100 h month: a quarter used in a tenth of the month.
    expect(consumption(H, 4 * H, 10 * H, 100 * H, 0)).toEqual({
      consumedMs: H,
      remainingMs: 3 * H,
      consumedRatio: 0.25,
      burnRate: 2.5,
      projectedMs: 10 * H,
      projectedOverMs: undefined,
    });
    expect(consumption(5 * H, 4 * H, 10 * H, 100 * H, 0)).toMatchObject({
      remainingMs: 0,
      consumedRatio: 1.25,
    });
    expect(consumption(0, 0, 10 * H, 100 * H, 0)).toMatchObject({
      consumedRatio: 1,
      burnRate: Number.POSITIVE_INFINITY,
    });
  });
});

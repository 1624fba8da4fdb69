import type { BudgetFigures } from '../../../src/incidents/error-budget';
import { monthOf } from '../../../src/incidents/error-budget';
import { measuredBudget, spentBefore } from '../../../src/slo/measured-budget';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const BUDGET = 3.6 * H;
const MIN_HISTORY = 7 * DAY;
const now = Date.parse('2026-11-20T12:00:00Z');
const month = monthOf(now);
const base: BudgetFigures = {
  monthStart: month.start,
  monthEnd: month.end,
  budgetMs: BUDGET,
  consumedMs: 0,
  remainingMs: BUDGET,
  consumedRatio: 0,
  burnRate: 0,
  projectedMs: 0,
};
const elapsed = now - month.start;
const length = month.end - month.start;
/** A reading whose data covers the whole month so far with `downMs` of it unavailable. */
const reading = (downMs: number) => ({ availability: 1 - downMs / elapsed, dataSince: month.start });

describe('measuredBudget', () => {
  it('counts the SLI over the month so far: consumed, remaining, burn rate and projection agree', () => {
    const figures = measuredBudget(base, reading(36 * MIN), now, MIN_HISTORY);
    expect(figures.consumedMs).toBeCloseTo(36 * MIN, -1);
    expect(figures.remainingMs).toBeCloseTo(BUDGET - 36 * MIN, -1);
    expect(figures.burnRate).toBeCloseTo((36 * MIN) / BUDGET / (elapsed / length), 6);
    expect(figures.projectedMs).toBeCloseTo((36 * MIN * length) / elapsed, -1);
  });

  it('never gives back what the month already showed as spent, and every figure follows the figure kept', () => {
    // The SLI's noise: 30 minutes now where 36 were shown a minute ago.
    const figures = measuredBudget(base, reading(30 * MIN), now, MIN_HISTORY, 36 * MIN);
    expect(figures.consumedMs).toBe(36 * MIN);
    expect(figures.remainingMs).toBe(BUDGET - 36 * MIN);
    expect(figures.consumedRatio).toBeCloseTo((36 * MIN) / BUDGET, 9);
    // The burn rate and projection describe the 36 minutes shown, not the 30 measured.
    expect(figures.burnRate).toBeCloseTo((36 * MIN) / BUDGET / (elapsed / length), 6);
    expect(figures.projectedMs).toBeCloseTo((36 * MIN * length) / elapsed, -1);
  });

  it('a higher measure is the measure', () => {
    const figures = measuredBudget(base, reading(40 * MIN), now, MIN_HISTORY, 36 * MIN);
    expect(figures.consumedMs).toBeCloseTo(40 * MIN, -1);
  });
});

describe('spentBefore', () => {
  const shown = { ...base, consumedMs: 36 * MIN };
  it('keeps what a measured month showed', () => {
    expect(spentBefore({ ...shown, source: 'prometheus' }, month.start)).toBe(36 * MIN);
  });
  it('keeps nothing from the incidents’ own count, from another month, or when nothing was shown', () => {
    expect(spentBefore({ ...shown, source: 'incidents' }, month.start)).toBe(0);
    expect(spentBefore({ ...shown, source: 'prometheus' }, month.end)).toBe(0);
    expect(spentBefore(undefined, month.start)).toBe(0);
  });
});

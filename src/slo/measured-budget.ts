import type { BudgetFigures } from '../incidents/error-budget';
import { consumption } from '../incidents/error-budget';

/** Data missing for less than this (scrape gaps, a restart) still counts as the whole month's. */
const PARTIAL_DATA_MARGIN_MS = 5 * 60_000;

/** Figures measured by an SLI: `dataMs` when they stand on less than the month so far (then said). */
export type Measured = BudgetFigures & { dataMs?: number | undefined };

/**
 * The month's figures from an SLI's availability ratio. The ratio applies to the time its data covers,
 * not to the whole month: a Prometheus started 12 minutes ago does not turn 12 minutes of errors into a
 * month's. Pure.
 */
export function measuredBudget(
  base: BudgetFigures,
  reading: { availability: number; dataSince: number | undefined },
  now: number,
  projectionMinHistoryMs: number,
): Measured {
  const sinceMonth = now - base.monthStart;
  const covered =
    reading.dataSince === undefined ? sinceMonth : Math.min(sinceMonth, Math.max(0, now - reading.dataSince));
  const partial = covered < sinceMonth - PARTIAL_DATA_MARGIN_MS;
  const elapsed = Math.max(1, covered);
  return {
    ...base,
    dataMs: partial ? covered : undefined,
    ...consumption(
      (1 - reading.availability) * elapsed,
      base.budgetMs,
      elapsed,
      base.monthEnd - base.monthStart,
      projectionMinHistoryMs,
    ),
  };
}

/**
 * A measured month never gives back budget it already counted as spent (an SLI's noise would make
 * the figure go down and up); incidents' own records only go down when a responder corrects an
 * impact window at resolution, which the incident's thread says. `before`: the figures last shown.
 */
export function neverLess(
  measured: Measured,
  before: (Measured & { source: 'incidents' | 'prometheus' }) | undefined,
): Measured {
  if (before?.source !== 'prometheus' || before.monthStart !== measured.monthStart) return measured;
  if (measured.consumedMs >= before.consumedMs) return measured;
  const consumedMs = before.consumedMs;
  return {
    ...measured,
    consumedMs,
    remainingMs: Math.max(0, measured.budgetMs - consumedMs),
    consumedRatio: measured.budgetMs === 0 ? 1 : consumedMs / measured.budgetMs,
  };
}

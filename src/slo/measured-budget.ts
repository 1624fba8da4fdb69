import type { BudgetFigures } from '../incidents/error-budget';
import { consumption } from '../incidents/error-budget';

/** Data missing for less than this (scrape gaps, a restart) still counts as the whole month's. */
const PARTIAL_DATA_MARGIN_MS = 5 * 60_000;

/** Figures measured by an SLI: `dataMs` when they stand on less than the month so far (then said). */
export type Measured = BudgetFigures & { dataMs?: number | undefined };

/**
 * The month's figures from an SLI's availability ratio. The ratio applies to the time its data covers,
 * not to the whole month: a Prometheus started 12 minutes ago does not turn 12 minutes of errors into a
 * month's. `spentBeforeMs` (see spentBefore): what the month already showed as spent, never given back;
 * every figure (remaining, burn rate, projection) follows from the consumption kept. Pure.
 */
export function measuredBudget(
  base: BudgetFigures,
  reading: { availability: number; dataSince: number | undefined },
  now: number,
  projectionMinHistoryMs: number,
  spentBeforeMs = 0,
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
      Math.max(spentBeforeMs, (1 - reading.availability) * elapsed),
      base.budgetMs,
      elapsed,
      base.monthEnd - base.monthStart,
      projectionMinHistoryMs,
    ),
  };
}

/**
 * What a measured month already showed as spent: it never gives it back (an SLI's noise would make the
 * figure go down and up). Incidents' own records only go down when a responder corrects an impact
 * window at resolution, which the incident's thread says: nothing is kept from them. `before`: the
 * figures last shown.
 */
export function spentBefore(
  before: (BudgetFigures & { source: 'incidents' | 'prometheus' }) | undefined,
  monthStart: number,
): number {
  return before?.source === 'prometheus' && before.monthStart === monthStart ? before.consumedMs : 0;
}

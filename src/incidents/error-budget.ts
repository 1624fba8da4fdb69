import { alertWindows, totalAlerts } from './alert-tally';
import type { Incident, Window } from './types';

export type { Window } from './types';

export interface BudgetFigures {
  monthStart: number;
  monthEnd: number;
  budgetMs: number;
  consumedMs: number;
  remainingMs: number;
  /** consumed / budget. */
  consumedRatio: number;
  /** How fast the budget burns compared with "exactly used up at month end" (1 = on track to exhaust it). */
  burnRate: number;
  /** Consumption at month end if the month goes on as it went. */
  projectedMs: number;
}

/** The calendar month (UTC) containing `at`. */
export function monthOf(at: number): { start: number; end: number } {
  const d = new Date(at);
  return {
    start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  };
}

/**
 * When the incident made the API unavailable: its alerts' firing intervals as its tally keeps them
 * (alerts still firing count up to `now`), or the window a responder gave when resolving. Times
 * Alertmanager stamps in the future (clock skew) are clamped to their receipt: never a negative duration.
 */
export function impactWindows(incident: Incident, now: number): Window[] {
  const given = incident.resolution?.impact;
  if (given !== undefined)
    return given.end > given.start ? [{ start: given.start, end: Math.min(given.end, now) }] : [];
  const windows = alertWindows(incident.alertTally, now).filter((w) => w.end > w.start);
  if (windows.length === 0 && incident.status !== 'resolved' && totalAlerts(incident.alertTally) === 0) {
    // A declared incident (no alert) counts from its opening.
    return [{ start: incident.openedAt, end: now }];
  }
  return windows;
}

/** Merges overlapping windows: two routes failing at once are one outage, not two. */
export function union(windows: Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const w of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}

/** The month's budget from the incidents that consume it. Pure: same incidents and time, same figures. */
export function errorBudget(incidents: Incident[], budgetMs: number, now: number): BudgetFigures {
  const month = monthOf(now);
  const clipped = union(incidents.flatMap((i) => impactWindows(i, now)))
    .map((w) => ({ start: Math.max(w.start, month.start), end: Math.min(w.end, month.end, now) }))
    .filter((w) => w.end > w.start);
  const consumedMs = clipped.reduce((sum, w) => sum + (w.end - w.start), 0);
  const elapsed = Math.max(1, now - month.start);
  const length = month.end - month.start;
  const projectedMs = (consumedMs * length) / elapsed;
  return {
    monthStart: month.start,
    monthEnd: month.end,
    budgetMs,
    consumedMs,
    remainingMs: Math.max(0, budgetMs - consumedMs),
    consumedRatio: budgetMs === 0 ? 1 : consumedMs / budgetMs,
    burnRate: budgetMs === 0 ? Number.POSITIVE_INFINITY : consumedMs / budgetMs / (elapsed / length),
    projectedMs,
  };
}

export interface ThreatRule {
  remainingRatioBelow: number | undefined;
  projectedBreach: boolean;
}

/** « SLA menacé » by the SLO file's rule: little budget left, or a breach projected by month end. */
export function slaThreatened(figures: BudgetFigures, rule: ThreatRule): boolean {
  const remainingRatio = figures.budgetMs === 0 ? 0 : figures.remainingMs / figures.budgetMs;
  return (
    (rule.remainingRatioBelow !== undefined && remainingRatio < rule.remainingRatioBelow) ||
    (rule.projectedBreach && figures.projectedMs > figures.budgetMs)
  );
}

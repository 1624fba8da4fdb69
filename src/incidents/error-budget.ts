import { totalAlerts } from './alert-tally';
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
  /**
   * Consumption at month end if the month goes on at its pace so far, the pace counted over at least
   * the SLO's `projection_min_history` (see projectToMonthEnd).
   */
  projectedMs: number;
  /** Set while the month is younger than that minimum: the span the pace was counted over. */
  projectedOverMs?: number | undefined;
}

/**
 * Consumption at month end at the month's pace so far, that pace counted over at least `minHistoryMs`.
 * Counted over the few hours a month has had, any outage would project to a breach (on the 1st at
 * 01:10, 30 s of outage project to 5 h) and raise « SLA menacé » for nearly every incident of the
 * month's first days; over at least 7 days, the first week projects a breach from about 50 minutes of
 * outage on.
 */
export function projectToMonthEnd(
  consumedMs: number,
  elapsedMs: number,
  lengthMs: number,
  minHistoryMs: number,
): { projectedMs: number; projectedOverMs: number | undefined } {
  const over = Math.max(1, elapsedMs, minHistoryMs);
  return {
    projectedMs: (consumedMs * lengthMs) / over,
    projectedOverMs: over > Math.max(1, elapsedMs) ? over : undefined,
  };
}

/**
 * The figures that follow from `consumedMs` of a `budgetMs` budget, counted over `elapsedMs` of a
 * month `lengthMs` long: the same whether the consumption comes from incidents or from Prometheus.
 */
export function consumption(
  consumedMs: number,
  budgetMs: number,
  elapsedMs: number,
  lengthMs: number,
  projectionMinHistoryMs: number,
): Pick<
  BudgetFigures,
  'consumedMs' | 'remainingMs' | 'consumedRatio' | 'burnRate' | 'projectedMs' | 'projectedOverMs'
> {
  const elapsed = Math.max(1, elapsedMs);
  return {
    consumedMs,
    remainingMs: Math.max(0, budgetMs - consumedMs),
    consumedRatio: budgetMs === 0 ? 1 : consumedMs / budgetMs,
    burnRate: budgetMs === 0 ? Number.POSITIVE_INFINITY : consumedMs / budgetMs / (elapsed / lengthMs),
    ...projectToMonthEnd(consumedMs, elapsed, lengthMs, projectionMinHistoryMs),
  };
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
 * When the incident made the API unavailable, up to `now`: its impact record with the open stretch
 * closed at `now`. Times Alertmanager stamps in the future (clock skew) were clamped to their receipt.
 */
export function impactWindows(incident: Incident, now: number): Window[] {
  const record = impactRecord(incident);
  const ongoing = record.ongoingSince;
  return [
    ...record.windows.map((w) => ({ start: w.start, end: Math.min(w.end, now) })),
    ...(ongoing === undefined || ongoing >= now ? [] : [{ start: ongoing, end: now }]),
  ].filter((w) => w.end > w.start);
}

/**
 * What one incident takes from the availability budget, kept beside it by every save so that the
 * month's budget is computed from these small records, never by reading every incident of the month.
 */
export interface ImpactRecord {
  incidentId: string;
  /** The incident's version this record was saved with (absent from records saved before it was kept). */
  version?: number | undefined;
  runbookId: string | null;
  /** Whether it counts for the SLO (its runbook consumes it, its labels are in scope); absent: by runbook. */
  consumes?: boolean | undefined;
  /** Closed intervals of unavailability. */
  windows: Window[];
  /** Unavailable since then and still now (alerts firing, or a declared incident still open). */
  ongoingSince: number | undefined;
}

/**
 * What the incident takes from the budget as it stands: the window a responder gave when resolving;
 * else its alerts' closed windows and their firing stretch; for a declared incident (no alert), from
 * its opening to its resolution.
 */
export function impactRecord(incident: Incident): ImpactRecord {
  const base = {
    incidentId: incident.id,
    version: incident.version,
    runbookId: incident.policy.runbookId,
    ...(incident.policy.consumesBudget === undefined ? {} : { consumes: incident.policy.consumesBudget }),
  };
  const given = incident.resolution?.impact;
  if (given !== undefined)
    return { ...base, windows: given.end > given.start ? [given] : [], ongoingSince: undefined };
  const tally = incident.alertTally;
  if (totalAlerts(tally) === 0) {
    // A declared incident (no alert) counts from its opening to its resolution.
    const end = incident.resolvedAt;
    return end === undefined
      ? { ...base, windows: [], ongoingSince: incident.openedAt }
      : {
          ...base,
          windows: end > incident.openedAt ? [{ start: incident.openedAt, end }] : [],
          ongoingSince: undefined,
        };
  }
  return { ...base, windows: tally.closedWindows, ongoingSince: tally.firingSince };
}

/** When the record stops weighing on a month: its last end, or never while it is ongoing. */
export function impactEnd(record: ImpactRecord): number {
  if (record.ongoingSince !== undefined) return Number.POSITIVE_INFINITY;
  return Math.max(Number.NEGATIVE_INFINITY, ...record.windows.map((w) => w.end));
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
export function errorBudget(
  incidents: Incident[],
  budgetMs: number,
  now: number,
  projectionMinHistoryMs = 0,
): BudgetFigures {
  return budgetFromImpacts(incidents.map(impactRecord), budgetMs, now, projectionMinHistoryMs);
}

/** The month's budget from the impact records of the incidents that consume it. Pure. */
export function budgetFromImpacts(
  records: ImpactRecord[],
  budgetMs: number,
  now: number,
  projectionMinHistoryMs: number,
): BudgetFigures {
  const month = monthOf(now);
  const windows = records.flatMap((r) => [
    ...r.windows.map((w) => ({ start: Math.min(w.start, now), end: Math.min(w.end, now) })),
    ...(r.ongoingSince === undefined || r.ongoingSince >= now ? [] : [{ start: r.ongoingSince, end: now }]),
  ]);
  const clipped = union(windows.filter((w) => w.end > w.start))
    .map((w) => ({ start: Math.max(w.start, month.start), end: Math.min(w.end, month.end, now) }))
    .filter((w) => w.end > w.start);
  const consumedMs = clipped.reduce((sum, w) => sum + (w.end - w.start), 0);
  return {
    monthStart: month.start,
    monthEnd: month.end,
    budgetMs,
    ...consumption(consumedMs, budgetMs, now - month.start, month.end - month.start, projectionMinHistoryMs),
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

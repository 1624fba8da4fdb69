import type { AlertRecord, AlertState, AlertTally, Window } from './types';

/** Resolved alerts' windows kept apart; beyond this the two closest merge (the count grows, the figure barely). */
export const CLOSED_WINDOWS_LIMIT = 100;
/** Alert names remembered for the post-mortem's detection section. */
export const NAMES_LIMIT = 10;

export function emptyTally(): AlertTally {
  return {
    firing: 0,
    resolved: 0,
    firstStartsAt: undefined,
    firingSince: undefined,
    closedWindows: [],
    names: [],
  };
}

/** When an alert started, never later than when Vigie received it (Alertmanager clocks can be ahead). */
function startOf(startsAt: string, receivedAt: number): number | undefined {
  const start = Date.parse(startsAt);
  return Number.isNaN(start) ? undefined : Math.min(start, receivedAt);
}

/**
 * Where an alert's impact starts for the budget: its start, but never more than `lookbackMs` before
 * Vigie received it (an alert replayed days later does not spend days of budget at once).
 */
export function impactStartOf(start: number, receivedAt: number, lookbackMs: number | undefined): number {
  return lookbackMs === undefined ? start : Math.max(start, receivedAt - lookbackMs);
}

/** Adds `window` to merged, sorted windows, merging the closest pair when there are too many. */
export function addWindow(windows: Window[], window: Window): Window[] {
  const merged: Window[] = [];
  for (const w of [...windows, window].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last !== undefined && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  while (merged.length > CLOSED_WINDOWS_LIMIT) {
    let closest = 0;
    for (let i = 1; i < merged.length - 1; i += 1) {
      const gap = (j: number) => (merged[j + 1]?.start ?? 0) - (merged[j]?.end ?? 0);
      if (gap(i) < gap(closest)) closest = i;
    }
    const [a, b] = [merged[closest], merged[closest + 1]];
    if (a === undefined || b === undefined) break;
    merged.splice(closest, 2, { start: a.start, end: Math.max(a.end, b.end) });
  }
  return merged;
}

/**
 * Counts one alert going from `known` (undefined: new) to `incoming` (stored at `now`) into `next`,
 * which it changes (callers pass their own copy: a storm's 10,000 alerts are counted without 10,000
 * copies). A resolved alert's firing interval joins the closed windows; a firing one moves
 * `firingSince` earlier.
 */
export function tallyAlert(
  next: AlertTally,
  known: AlertState | undefined,
  incoming: AlertRecord,
  now: number,
  /** The policy's `startLookbackMs`: how far before its receipt an alert's start counts for the budget. */
  lookbackMs?: number,
): AlertTally {
  if (known !== undefined) next[known.status] -= 1;
  next[incoming.status] += 1;
  const started = startOf(incoming.startsAt, now);
  if (started !== undefined) {
    // The card's « Début » is the alert's own start; the budget's windows start within the lookback.
    next.firstStartsAt = Math.min(next.firstStartsAt ?? started, started);
    const start = impactStartOf(started, known?.receivedAt ?? now, lookbackMs);
    if (incoming.status === 'firing') next.firingSince = Math.min(next.firingSince ?? start, start);
    else {
      const endsAt = incoming.endsAt === undefined ? Number.NaN : Date.parse(incoming.endsAt);
      const said = Number.isNaN(endsAt) ? now : Math.min(endsAt, now);
      // An end before the counted start (the lookback moved the start past it: a replay, a delivery
      // retried for hours) would erase the time the card counted while the alert fired. Vigie stored
      // it firing and learns now that it ended: counted up to now, the figure shown does not drop.
      const countedFiring = known?.status === 'firing' && known.startsAt === incoming.startsAt;
      const end = said > start || !countedFiring ? said : now;
      if (end > start) next.closedWindows = addWindow(next.closedWindows, { start, end });
    }
  }
  const name = incoming.labels.alertname;
  if (name !== undefined && next.names.length < NAMES_LIMIT && !next.names.includes(name))
    next.names.push(name);
  if (next.firing === 0) next.firingSince = undefined;
  return next;
}

/**
 * When the incident began: its first alert's start (as Alertmanager saw it, never after Vigie received
 * it), or its opening for a declared incident. The card's « Début », the email's and the durations.
 */
export function incidentStart(incident: { openedAt: number; alertTally: AlertTally }): number {
  return Math.min(incident.openedAt, incident.alertTally.firstStartsAt ?? incident.openedAt);
}

/** An alert start older than this before Vigie received it is said on the card (« reçu par Vigie à … »). */
export const LATE_RECEIPT_MS = 5 * 60_000;

/** The incident's alert windows now: the closed ones, and the firing stretch up to `now`. */
export function alertWindows(tally: AlertTally, now: number): Window[] {
  const open =
    tally.firingSince === undefined || tally.firingSince >= now
      ? []
      : [{ start: tally.firingSince, end: now }];
  return [...tally.closedWindows, ...open];
}

export const totalAlerts = (tally: AlertTally): number => tally.firing + tally.resolved;

import type { Incident, TimelineEntry, TimelineKind } from './types';

/** The timeline kept inside the incident document; older entries are counted, not kept. */
export const TIMELINE_LIMIT = 300;

export type NewEntry = Omit<TimelineEntry, 'seq'>;

export function entry(at: number, actor: string, kind: TimelineKind, details: string[] = []): NewEntry {
  return { at, actor, kind, details };
}

/** The sequence number of the last entry ever appended (0 if none). */
export function lastSeq(incident: Incident): number {
  return incident.timelineDropped + incident.timeline.length;
}

/**
 * Alerts arriving (or resolving) within this long of the last entry, when it says the same, join it:
 * a storm is one line of the timeline ("/a, /b … +9,990"), not hundreds that push everything else out.
 */
export const ALERT_WAVE_MS = 5 * 60_000;
const WAVES = new Set<TimelineKind>(['alerts_firing', 'alerts_resolved']);
/** Items named in one entry; the rest are counted as "+N". */
export const ITEMS_PER_ENTRY = 10;

const extraOf = (details: string[]): number => {
  const last = details.at(-1);
  return last !== undefined && /^\+\d+$/.test(last) ? Number(last.slice(1)) : 0;
};
const namedIn = (details: string[]): string[] => (extraOf(details) > 0 ? details.slice(0, -1) : details);

/** Item lists of two entries as one: the first ITEMS_PER_ENTRY names in order, the others counted. */
export function mergeItems(a: string[], b: string[]): string[] {
  const names = [...new Set([...namedIn(a), ...namedIn(b)])].sort();
  const extra = extraOf(a) + extraOf(b) + Math.max(0, names.length - ITEMS_PER_ENTRY);
  return [...names.slice(0, ITEMS_PER_ENTRY), ...(extra > 0 ? [`+${extra}`] : [])];
}

/**
 * Appends entries with their sequence numbers, dropping the oldest beyond TIMELINE_LIMIT. Alert
 * arrivals and resolutions join the last entry when it is the same kind within ALERT_WAVE_MS.
 */
export function appendTimeline(incident: Incident, entries: NewEntry[]): void {
  for (const e of entries) {
    const last = incident.timeline.at(-1);
    if (
      last !== undefined &&
      WAVES.has(e.kind) &&
      last.kind === e.kind &&
      last.actor === e.actor &&
      e.at - last.at <= ALERT_WAVE_MS
    ) {
      last.details = mergeItems(last.details, e.details);
      continue;
    }
    incident.timeline.push({ seq: lastSeq(incident) + 1, ...e });
  }
  const excess = incident.timeline.length - TIMELINE_LIMIT;
  if (excess > 0) {
    incident.timeline.splice(0, excess);
    incident.timelineDropped += excess;
  }
}

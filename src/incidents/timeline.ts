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

/** Appends entries with their sequence numbers, dropping the oldest beyond TIMELINE_LIMIT. */
export function appendTimeline(incident: Incident, entries: NewEntry[]): void {
  for (const e of entries) incident.timeline.push({ seq: lastSeq(incident) + 1, ...e });
  const excess = incident.timeline.length - TIMELINE_LIMIT;
  if (excess > 0) {
    incident.timeline.splice(0, excess);
    incident.timelineDropped += excess;
  }
}

import { nextIncident } from './next-incident';
import type { NewEntry } from './timeline';
import { appendTimeline } from './timeline';
import type { Rejection } from './rejection';
import type { Incident, IncidentEvent, Transition } from './types';

/** A command refused: the surfaces word the rejection for the person, the audit log keeps its code. */
export const rejected = (rejection: Rejection): Transition => ({ outcome: 'rejected', rejection });

/** A command applied: `edit` changes a copy of the incident, which gets the entries and the events. */
export function changed(
  current: Incident,
  now: number,
  entries: NewEntry[],
  events: (next: Incident) => IncidentEvent[],
  edit: (next: Incident) => void,
): Transition {
  const next = nextIncident(current);
  edit(next);
  appendTimeline(next, entries);
  next.updatedAt = now;
  return { outcome: 'changed', incident: next, events: events(next) };
}

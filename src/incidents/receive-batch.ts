import type { DurableWork, EventPublisher, IncidentRepository } from './ports';
import { canReopen, openIncident, transition } from './transition';
import type { AlertGroup, AlertRecord, AlertState, Incident, IncidentEvent } from './types';

export type IngestOutcome = 'opened' | 'reopened' | 'updated' | 'resolved' | 'unchanged' | 'nothing_firing';

export interface IngestResult {
  outcome: IngestOutcome;
  incidentId: string | null;
  /** Alerts of the group that changed what the incident knows; the rest were duplicates or stale. */
  recorded: number;
}

export interface BatchDeps {
  repository: IncidentRepository;
  now: number;
  /** The durable work a change implies, saved atomically with it. */
  work: (incident: Incident, events: IncidentEvent[]) => DurableWork;
  publish: EventPublisher;
}

/** What is applied to one incident and not saved yet. */
interface Pending {
  incident: Incident;
  expected: { version: number; keyOwner?: string | null };
  known: Map<string, AlertState>;
  writes: Map<string, AlertRecord>;
  events: IncidentEvent[];
  /** Results of the deliveries whose changes wait in this pending save. */
  results: Array<[number, IngestResult]>;
}

const recordedIn = (events: IncidentEvent[]): number =>
  events.reduce((n, e) => (e.type === 'alerts_changed' ? n + e.recorded : n), 0);

/**
 * Applies deliveries of one incident key in order, as if one after the other, reading the incident
 * (and the states of every alert they carry) once and saving it once. A delivery that opens a new
 * incident (none owns the key, or a re-fire after the reopen window) first saves what came before.
 * Results are written into `results` as their changes are saved; returns 'conflict' when a save lost a
 * race (the caller runs the deliveries without a result again, on a fresh read).
 */
export async function receiveBatch(
  groups: AlertGroup[],
  results: Array<IngestResult | undefined>,
  deps: BatchDeps,
): Promise<'done' | 'conflict'> {
  const remaining = groups.flatMap((group, index) =>
    results[index] === undefined ? [{ group, index }] : [],
  );
  const first = remaining[0];
  if (first === undefined) return 'done';
  const found = await deps.repository.findByKeyWithStates(
    first.group.key,
    remaining.flatMap(({ group }) => group.alerts.map((a) => a.fingerprint)),
  );
  let pending: Pending | undefined =
    found === null
      ? undefined
      : {
          incident: found.incident,
          // Merged into the incident that owns the key when it is saved, not only when it was read:
          // another replica may have opened a new incident for the key meanwhile (the save then loses).
          expected: { version: found.incident.version, keyOwner: found.incident.id },
          known: found.known,
          writes: new Map(),
          events: [],
          results: [],
        };

  const flush = async (): Promise<boolean> => {
    if (pending === undefined || pending.events.length === 0) {
      for (const [index, result] of pending?.results ?? []) results[index] = result;
      return true;
    }
    const { incident, expected, events, writes } = pending;
    incident.version = expected.version + 1;
    const work = deps.work(incident, events);
    const saved = await deps.repository.save(incident, expected, work, [...writes.values()]);
    if (!saved) return false;
    deps.publish(events, work);
    for (const [index, result] of pending.results) results[index] = result;
    pending = {
      ...pending,
      expected: { version: incident.version, keyOwner: incident.id },
      writes: new Map(),
      events: [],
      results: [],
    };
    return true;
  };

  /** Opens a new incident from `group` (nothing firing in it: nothing to open, nothing to save). */
  const open = async (group: AlertGroup, index: number, previousOwner: string | null): Promise<void> => {
    const number = await deps.repository.nextIncidentNumber();
    const opened = openIncident(group, `INC-${number}`, deps.now);
    if (opened === null) {
      results[index] = { outcome: 'nothing_firing', incidentId: previousOwner, recorded: 0 };
      return;
    }
    const { incident, alerts } = opened;
    pending = {
      incident,
      expected: { version: 0, keyOwner: previousOwner },
      known: new Map(alerts.map((a) => [a.fingerprint, a])),
      writes: new Map(alerts.map((a) => [a.fingerprint, a])),
      events: [{ type: 'incident_opened', incident }],
      results: [[index, { outcome: 'opened', incidentId: incident.id, recorded: group.alerts.length }]],
    };
  };

  for (const { group, index } of remaining) {
    if (pending === undefined) {
      await open(group, index, null);
      continue;
    }
    const current = pending.incident;
    const step = transition(current, { type: 'receive_alerts', group, known: pending.known }, deps.now);
    if (step.outcome !== 'changed') {
      pending.results.push([index, { outcome: 'unchanged', incidentId: current.id, recorded: 0 }]);
      continue;
    }
    const reopens = step.events.some((e) => e.type === 'incident_reopened');
    if (reopens && !canReopen(current, deps.now)) {
      // A new occurrence after the reopen window: a new incident takes the key over.
      if (!(await flush())) return 'conflict';
      await open(group, index, current.id);
      continue;
    }
    for (const alert of step.alerts ?? []) {
      pending.known.set(alert.fingerprint, alert);
      pending.writes.set(alert.fingerprint, alert);
    }
    pending.incident = step.incident;
    pending.events.push(...step.events);
    const resolved = step.events.some((e) => e.type === 'incident_resolved');
    const outcome: IngestOutcome = reopens ? 'reopened' : resolved ? 'resolved' : 'updated';
    pending.results.push([index, { outcome, incidentId: current.id, recorded: recordedIn(step.events) }]);
  }
  return (await flush()) ? 'done' : 'conflict';
}

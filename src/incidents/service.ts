import { KeyedSerializer } from './keyed-serializer';
import type { Clock, DurableWork, EventPublisher, IncidentRepository } from './ports';
import { NO_WORK } from './ports';
import { canReopen, declareIncident, openIncident, transition } from './transition';
import type {
  AlertGroup,
  AlertRecord,
  Incident,
  IncidentCommand,
  IncidentEvent,
  IncidentPolicy,
} from './types';

export type IngestOutcome = 'opened' | 'reopened' | 'updated' | 'resolved' | 'unchanged' | 'nothing_firing';

export interface IngestResult {
  outcome: IngestOutcome;
  incidentId: string | null;
  /** Alerts of the group that changed what the incident knows; the rest were duplicates or stale. */
  recorded: number;
}

export type CommandResult =
  | { outcome: 'changed' | 'unchanged'; incident: Incident }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'not_found' };

/** Saves that lost a race are re-read and re-applied this many times before giving up. */
const MAX_ATTEMPTS = 20;

export class ConcurrencyError extends Error {}

export interface IncidentServiceDeps {
  repository: IncidentRepository;
  clock: Clock;
  publish: EventPublisher;
  /** The durable work a change implies (escalation timers, deliveries), saved atomically with it. */
  effects?: (incident: Incident, events: IncidentEvent[]) => DurableWork;
}

/** Loads, transitions, saves (optimistically, by version) and publishes. */
export class IncidentService {
  private readonly serializer = new KeyedSerializer();

  constructor(private readonly deps: IncidentServiceDeps) {}

  receiveAlerts(group: AlertGroup): Promise<IngestResult> {
    return this.serializer.run(group.key, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const result = await this.tryReceive(group);
        if (result !== 'conflict') return result;
      }
      throw new ConcurrencyError(`incident key ${group.key}: too many concurrent writers`);
    });
  }

  /**
   * Applies a command to an incident, saved against the version read. `read`: the incident as the
   * caller just read it (a click reads it once), used for the first attempt; a conflict reads again.
   */
  async execute(incidentId: string, command: IncidentCommand, read?: Incident): Promise<CommandResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current =
        attempt === 0 && read?.id === incidentId ? read : await this.deps.repository.get(incidentId);
      if (current === null) return { outcome: 'not_found' };
      const result = transition(current, command, this.deps.clock.now());
      if (result.outcome === 'rejected') return result;
      if (result.outcome === 'unchanged') return { outcome: 'unchanged', incident: current };
      if (await this.save(result.incident, current.version, result.events, result.alerts)) {
        return { outcome: 'changed', incident: result.incident };
      }
    }
    throw new ConcurrencyError(`incident ${incidentId}: too many concurrent writers`);
  }

  /** Opens an incident a person declared; it has a key of its own, so no alert merges into it. */
  async declare(policy: IncidentPolicy, summary: string, actor: string): Promise<Incident> {
    const number = await this.deps.repository.nextIncidentNumber();
    const incident = declareIncident(`INC-${number}`, policy, summary, actor, this.deps.clock.now());
    incident.version = 1;
    const events: IncidentEvent[] = [{ type: 'incident_opened', incident }];
    if (
      !(await this.deps.repository.save(
        incident,
        { version: 0, keyOwner: null },
        this.work(incident, events),
      ))
    ) {
      throw new ConcurrencyError(`incident ${incident.id} already exists`);
    }
    this.deps.publish(events);
    return incident;
  }

  private async tryReceive(group: AlertGroup): Promise<IngestResult | 'conflict'> {
    const now = this.deps.clock.now();
    const found = await this.deps.repository.findByKeyWithStates(
      group.key,
      group.alerts.map((a) => a.fingerprint),
    );
    if (found === null) return this.open(group, null, now);
    const { incident: current, known } = found;
    const result = transition(current, { type: 'receive_alerts', group, known }, now);
    if (result.outcome !== 'changed') return { outcome: 'unchanged', incidentId: current.id, recorded: 0 };
    const reopens = result.events.some((e) => e.type === 'incident_reopened');
    if (reopens && !canReopen(current, now)) return this.open(group, current.id, now);
    if (!(await this.save(result.incident, current.version, result.events, result.alerts))) return 'conflict';
    const resolved = result.events.some((e) => e.type === 'incident_resolved');
    const outcome: IngestOutcome = reopens ? 'reopened' : resolved ? 'resolved' : 'updated';
    const recorded = result.events.reduce((n, e) => (e.type === 'alerts_changed' ? n + e.recorded : n), 0);
    return { outcome, incidentId: current.id, recorded };
  }

  private async open(
    group: AlertGroup,
    previousOwner: string | null,
    now: number,
  ): Promise<IngestResult | 'conflict'> {
    const number = await this.deps.repository.nextIncidentNumber();
    const opened = openIncident(group, `INC-${number}`, now);
    if (opened === null) return { outcome: 'nothing_firing', incidentId: previousOwner, recorded: 0 };
    const { incident, alerts } = opened;
    incident.version = 1;
    const events: IncidentEvent[] = [{ type: 'incident_opened', incident }];
    const work = this.work(incident, events);
    const expected = { version: 0, keyOwner: previousOwner };
    if (!(await this.deps.repository.save(incident, expected, work, alerts))) return 'conflict';
    this.deps.publish(events);
    return { outcome: 'opened', incidentId: incident.id, recorded: group.alerts.length };
  }

  private work(incident: Incident, events: IncidentEvent[]): DurableWork {
    return this.deps.effects?.(incident, events) ?? NO_WORK;
  }

  private async save(
    next: Incident,
    readVersion: number,
    events: IncidentEvent[],
    alerts: AlertRecord[] = [],
  ): Promise<boolean> {
    next.version = readVersion + 1;
    const work = this.work(next, events);
    const saved = await this.deps.repository.save(next, { version: readVersion }, work, alerts);
    if (saved) this.deps.publish(events);
    return saved;
  }
}

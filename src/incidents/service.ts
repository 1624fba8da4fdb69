import { KeyedBatcher } from './keyed-batcher';
import { KeyedLock } from './keyed-lock';
import type { IngestResult } from './receive-batch';
import { receiveBatch } from './receive-batch';
import type { Clock, DurableWork, EventPublisher, IncidentRepository } from './ports';
import { NO_WORK } from './ports';
import { applyCommands } from './apply-commands';
import { declareIncident } from './transition';
import type {
  AlertGroup,
  AlertRecord,
  Incident,
  IncidentCommand,
  IncidentEvent,
  IncidentPolicy,
} from './types';
import type { Rejection } from './rejection';

export type { IngestOutcome, IngestResult } from './receive-batch';

export type CommandResult =
  | { outcome: 'changed' | 'unchanged'; incident: Incident }
  | { outcome: 'rejected'; rejection: Rejection }
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
  /**
   * Turns of an incident's writers, by incident key: shared by the process's services (the request
   * path's and background work's); deliveries take them, and a command once it has lost a save.
   */
  turns?: KeyedLock;
  /**
   * Told of each save that lost its race (the incident changed since it was read, in practice by
   * another replica: a process's own writers take turns), by writer: the deliveries of alerts, or a
   * command (a click, a timer, a delivery record). The writer tries again on a fresh read, up to
   * MAX_ATTEMPTS times. Counted for the operator (contention between replicas).
   */
  onLostSave?: (writer: LostSaveWriter) => void;
}

/** Who lost a save: the deliveries of alerts, or a command (a click, a timer, a delivery record). */
export type LostSaveWriter = 'alerts' | 'command';

/** Loads, transitions, saves (optimistically, by version) and publishes. */
export class IncidentService {
  private readonly batcher = new KeyedBatcher<AlertGroup, IngestResult>((key, groups) =>
    this.receiveInOrder(key, groups),
  );

  private readonly turns: KeyedLock;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.turns = deps.turns ?? new KeyedLock();
  }

  /**
   * Merges a delivery into its incident (opening one if needed). Deliveries of one key arriving while
   * one is being stored are stored together next, in order, with one read and one save.
   */
  receiveAlerts(group: AlertGroup): Promise<IngestResult> {
    return this.batcher.run(group.key, group);
  }

  /**
   * Applies a command to an incident in the incident's turn (see KeyedLock), saved against the version
   * read. `read`: the incident as the caller just read it (a click reads it once), used for the first
   * attempt when no other writer of this process had the turn; after waiting for one, the incident
   * is read again (what it saved is there). A lost save (to another replica, or a read older than the
   * turn) is retried on a fresh read.
   */
  async execute(incidentId: string, command: IncidentCommand, read?: Incident): Promise<CommandResult> {
    const [result] = await this.executeAll(incidentId, [command], read);
    return result ?? { outcome: 'not_found' };
  }

  /**
   * Applies commands to one incident in order, as `execute` does one, with one read and one save for
   * all (see applyCommands): one result per command. The steps an incident has due at the same moment
   * (its runbook's channels and a severity raise, at opening) take its turn once, not once each.
   */
  async executeAll(
    incidentId: string,
    commands: IncidentCommand[],
    read?: Incident,
  ): Promise<CommandResult[]> {
    const notFound = () => commands.map((): CommandResult => ({ outcome: 'not_found' }));
    const given = read?.id === incidentId ? read : await this.deps.repository.get(incidentId);
    if (given === null) return notFound();
    const waits = this.turns.busy(given.key);
    return this.turns.run(given.key, async () => {
      let current = waits ? await this.deps.repository.get(incidentId) : given;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        if (attempt > 0) current = await this.deps.repository.get(incidentId);
        if (current === null) return notFound();
        const outcome = await this.attempt(current, commands);
        if (outcome !== 'conflict') return outcome;
        this.deps.onLostSave?.('command');
      }
      throw new ConcurrencyError(`incident ${incidentId}: too many concurrent writers`);
    });
  }

  /** One try of the commands on the incident as read: their results, or 'conflict' when the save lost. */
  private async attempt(
    current: Incident,
    commands: IncidentCommand[],
  ): Promise<CommandResult[] | 'conflict'> {
    const applied = applyCommands(current, commands, this.deps.clock.now());
    const changed = applied.incident !== current;
    if (changed && !(await this.save(applied.incident, current.version, applied.events, applied.alerts)))
      return 'conflict';
    return applied.effects.map((effect): CommandResult => {
      if (effect === 'changed') return { outcome: 'changed', incident: applied.incident };
      if (effect === 'unchanged') return { outcome: 'unchanged', incident: applied.incident };
      return { outcome: 'rejected', rejection: effect.rejection };
    });
  }

  /** Opens an incident a person declared; it has a key of its own, so no alert merges into it. */
  async declare(policy: IncidentPolicy, summary: string, actor: string): Promise<Incident> {
    const number = await this.deps.repository.nextIncidentNumber();
    const incident = declareIncident(`INC-${number}`, policy, summary, actor, this.deps.clock.now());
    incident.version = 1;
    const events: IncidentEvent[] = [{ type: 'incident_opened', incident }];
    const work = this.work(incident, events);
    if (!(await this.deps.repository.save(incident, { version: 0, keyOwner: null }, work))) {
      throw new ConcurrencyError(`incident ${incident.id} already exists`);
    }
    this.deps.publish(events, work);
    return incident;
  }

  /**
   * Deliveries of one key, in arrival order, in the key's turn: one read and one save for all (retried
   * on a lost race).
   */
  private receiveInOrder(key: string, groups: AlertGroup[]): Promise<IngestResult[]> {
    return this.turns.run(key, async () => {
      const results: Array<IngestResult | undefined> = groups.map(() => undefined);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const done = await receiveBatch(groups, results, {
          repository: this.deps.repository,
          now: this.deps.clock.now(),
          work: (incident, events) => this.work(incident, events),
          publish: this.deps.publish,
        });
        if (done === 'done')
          return results.map((r) => r ?? { outcome: 'unchanged', incidentId: null, recorded: 0 });
        this.deps.onLostSave?.('alerts');
      }
      throw new ConcurrencyError(`incident key ${key}: too many concurrent writers`);
    });
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
    if (saved) this.deps.publish(events, work);
    return saved;
  }
}

import type { DurableWork, IncidentRepository } from '../../incidents/ports';
import { NO_WORK } from '../../incidents/ports';
import { sortedAlerts } from '../../incidents/alert-merge';
import type { ImpactRecord } from '../../incidents/error-budget';
import { impactEnd, impactRecord } from '../../incidents/error-budget';
import type { AlertRecord, AlertState, Incident } from '../../incidents/types';
import type { AuditEntry, AuditLog, CardRef, CardRefStore, OnceGuard, Store } from '../store';
import { CARD_SYNC_QUEUE, shownOnCard } from '../store';
import { MemoryDigests } from './memory-digests';
import { MemoryWorkQueue } from './memory-queue';
import { MemoryRateBudget } from './memory-rate-budget';
import { gaugeField, splitGaugeField } from '../open-counts';

/** Copies on the way in and out, so callers cannot mutate stored state by accident (as with Redis). */
const copy = <T>(value: T): T => structuredClone(value);

class MemoryIncidents implements IncidentRepository {
  private sequence = 0;
  private readonly byId = new Map<string, Incident>();
  private readonly keyOwner = new Map<string, string>();
  /** Each incident's alerts by fingerprint, beside it (as in Redis). */
  private readonly alerts = new Map<string, Map<string, AlertRecord>>();

  constructor(private readonly queues: (name: string) => MemoryWorkQueue) {}

  nextIncidentNumber(): Promise<number> {
    this.sequence += 1;
    return Promise.resolve(this.sequence);
  }

  get(id: string): Promise<Incident | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found === undefined ? null : copy(found));
  }

  findByKey(key: string): Promise<Incident | null> {
    const owner = this.keyOwner.get(key);
    return owner === undefined ? Promise.resolve(null) : this.get(owner);
  }

  listOpen(): Promise<Incident[]> {
    const open = [...this.byId.values()]
      .filter((i) => i.status !== 'resolved')
      .sort((a, b) => a.openedAt - b.openedAt);
    return Promise.resolve(open.map(copy));
  }

  async findByKeyWithStates(
    key: string,
    fingerprints: string[],
  ): Promise<{ incident: Incident; known: Map<string, AlertState> } | null> {
    const incident = await this.findByKey(key);
    return incident === null ? null : { incident, known: await this.alertStates(incident.id, fingerprints) };
  }

  alertStates(incidentId: string, fingerprints: string[]): Promise<Map<string, AlertState>> {
    const stored = this.alerts.get(incidentId);
    const states = new Map<string, AlertState>();
    for (const fingerprint of fingerprints) {
      const alert = stored?.get(fingerprint);
      if (alert !== undefined) {
        const { status, startsAt, endsAt, receivedAt } = alert;
        states.set(fingerprint, { status, startsAt, endsAt, receivedAt });
      }
    }
    return Promise.resolve(states);
  }

  listAlerts(incidentId: string, limit: number): Promise<AlertRecord[]> {
    const incident = this.byId.get(incidentId);
    const stored = [...(this.alerts.get(incidentId)?.values() ?? [])];
    return Promise.resolve(sortedAlerts(stored, incident?.policy.itemLabel).slice(0, limit).map(copy));
  }

  async *openPages(pageSize: number): AsyncIterable<Incident[]> {
    const open = await this.listOpen();
    for (let i = 0; i < open.length; i += pageSize) yield open.slice(i, i + pageSize);
  }

  openCounts(): Promise<Array<{ runbook: string; severity: string; count: number }>> {
    const counts = new Map<string, number>();
    for (const i of this.byId.values())
      if (i.status !== 'resolved') {
        const key = gaugeField(i);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    return Promise.resolve([...counts].map(([key, count]) => ({ ...splitGaugeField(key), count })));
  }

  impactsSince(since: number): Promise<ImpactRecord[]> {
    const records = [...this.byId.values()].map(impactRecord).filter((r) => impactEnd(r) >= since);
    return Promise.resolve(records.map(copy));
  }

  listOpenedSince(since: number): Promise<Incident[]> {
    return Promise.resolve([...this.byId.values()].filter((i) => i.openedAt >= since).map(copy));
  }

  save(
    incident: Incident,
    expected: { version: number; keyOwner?: string | null },
    work: DurableWork = NO_WORK,
    alerts: AlertRecord[] = [],
  ): Promise<boolean> {
    const before = this.byId.get(incident.id);
    if ((before?.version ?? 0) !== expected.version) return Promise.resolve(false);
    if (expected.keyOwner !== undefined) {
      if ((this.keyOwner.get(incident.key) ?? null) !== expected.keyOwner) return Promise.resolve(false);
      this.keyOwner.set(incident.key, incident.id);
    }
    this.byId.set(incident.id, copy(incident));
    const stored = this.alerts.get(incident.id) ?? new Map<string, AlertRecord>();
    for (const alert of alerts) stored.set(alert.fingerprint, copy(alert));
    this.alerts.set(incident.id, stored);
    const urgent = before === undefined || shownOnCard(before) !== shownOnCard(incident);
    this.queues(CARD_SYNC_QUEUE).markNow(incident.id, incident.updatedAt, urgent);
    for (const entry of work.schedule) this.queues(entry.queue).scheduleNow(entry.member, entry.dueAt);
    for (const entry of work.cancel) this.queues(entry.queue).cancel(entry.member);
    return Promise.resolve(true);
  }
}

class MemoryCards implements CardRefStore {
  private readonly refs = new Map<string, Map<string, CardRef>>();

  list(incidentId: string): Promise<CardRef[]> {
    return Promise.resolve([...(this.refs.get(incidentId)?.values() ?? [])].map(copy));
  }

  put(incidentId: string, ref: CardRef): Promise<void> {
    const forIncident = this.refs.get(incidentId) ?? new Map<string, CardRef>();
    forIncident.set(ref.channel, copy(ref));
    this.refs.set(incidentId, forIncident);
    return Promise.resolve();
  }
}

class MemoryAudit implements AuditLog {
  private readonly entries = new Map<string, AuditEntry[]>();

  append(incidentId: string, entry: AuditEntry): Promise<void> {
    this.entries.set(incidentId, [...(this.entries.get(incidentId) ?? []), copy(entry)]);
    return Promise.resolve();
  }

  list(incidentId: string): Promise<AuditEntry[]> {
    return Promise.resolve((this.entries.get(incidentId) ?? []).map(copy));
  }
}

class MemoryOnce implements OnceGuard {
  private readonly seen = new Map<string, number>();

  firstTime(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return Promise.resolve(false);
    this.seen.set(key, now + ttlMs);
    return Promise.resolve(true);
  }
}

/** The in-memory store: one process, lost on restart. For the local sandbox and tests only. */
export function createMemoryStore(): Store {
  const queues = new Map<string, MemoryWorkQueue>();
  const queue = (name: string): MemoryWorkQueue => {
    const existing = queues.get(name) ?? new MemoryWorkQueue();
    queues.set(name, existing);
    return existing;
  };
  return {
    kind: 'memory',
    incidents: new MemoryIncidents(queue),
    cardSync: queue(CARD_SYNC_QUEUE),
    queue,
    cards: new MemoryCards(),
    digests: new MemoryDigests(),
    audit: new MemoryAudit(),
    once: new MemoryOnce(),
    rateBudget: new MemoryRateBudget(),
    ping: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

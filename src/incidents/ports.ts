import type { ImpactRecord } from './error-budget';
import type { AlertRecord, AlertState, Incident, IncidentEvent } from './types';

/**
 * Work that must follow a change durably: written in the same atomic step as the incident, so a crash
 * can neither lose it nor leave it behind (timers to arm or cancel, notifications to deliver).
 */
export interface DurableWork {
  schedule: Array<{ queue: string; member: string; dueAt: number }>;
  cancel: Array<{ queue: string; member: string }>;
}

export const NO_WORK: DurableWork = { schedule: [], cancel: [] };

/** What the domain needs from storage. Implemented in src/store/{memory,redis}. */
export interface IncidentRepository {
  /** A fresh, never reused incident number. */
  nextIncidentNumber(): Promise<number>;
  get(id: string): Promise<Incident | null>;
  /** The incident that currently owns this key (open or recently resolved), if any. */
  findByKey(key: string): Promise<Incident | null>;
  listOpen(): Promise<Incident[]>;
  /** The open incidents a page at a time (background passes over thousands of incidents). */
  openPages(pageSize: number): AsyncIterable<Incident[]>;
  /**
   * The incident owning `key` with what it knows of these alerts, read together (one round trip in
   * Redis): what merging a delivery needs. Null when no incident owns the key.
   */
  findByKeyWithStates(
    key: string,
    fingerprints: string[],
  ): Promise<{ incident: Incident; known: Map<string, AlertState> } | null>;
  /** What the incident knows of these alerts (by fingerprint); alerts it never saw are absent. */
  alertStates(incidentId: string, fingerprints: string[]): Promise<Map<string, AlertState>>;
  /** The incident's first `limit` alerts in card order (firing first, then by item: `cardOrder`). */
  listAlerts(incidentId: string, limit: number): Promise<AlertRecord[]>;
  /** Open incidents counted by runbook and severity, kept up to date by every save (no scan). */
  openCounts(): Promise<Array<{ runbook: string; severity: string; count: number }>>;
  /**
   * The impact records (kept by every save) of incidents unavailable at some point at or after
   * `since`: what the month's error budget is computed from, without reading the incidents.
   */
  impactsSince(since: number): Promise<ImpactRecord[]>;
  /** Incidents opened at or after `since`, open or not (for the error budget and reports). */
  listOpenedSince(since: number): Promise<Incident[]>;
  /**
   * Writes the incident atomically if nobody wrote it since it was read: its stored version must be
   * `expected.version` (0 for a new incident), and when `expected.keyOwner` is given the incident key
   * must still belong to it (null: nobody), then belongs to this incident (a new incident takes the
   * key over; a delivery merged into an incident checks that it still owns it). Saving also records
   * the incident as changed, so that its representations (the Slack card) are brought up to date even
   * if this process dies right after (urgently when its status or severity changed), and applies `work` to the named queues and stores `alerts` (new
   * or changed alert records; the incident's other alerts are kept as they are) in the same atomic
   * step.
   * Returns false on a conflict; throws StoreUnavailableError when storage cannot be reached.
   */
  save(
    incident: Incident,
    expected: { version: number; keyOwner?: string | null },
    work?: DurableWork,
    alerts?: AlertRecord[],
  ): Promise<boolean>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Told of a save made in this process: its events, and the durable work saved with it (to wake its workers). */
export type EventPublisher = (events: IncidentEvent[], work: DurableWork) => void;

/** Raised by adapters when storage is unreachable: the caller must not report success. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

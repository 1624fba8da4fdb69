import type { DurableWork, IncidentRepository } from '../../incidents/ports';
import { NO_WORK } from '../../incidents/ports';
import type { AlertRecord, AlertState, Incident } from '../../incidents/types';
import type { ReadIncident, UnreadableReporter } from '../incident-document';
import { UnreadableDocumentError, readIncidentDocument, trustedIncidentDocument } from '../incident-document';
import type { ImpactRecord } from '../../incidents/error-budget';
import { splitGaugeField } from '../open-counts';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import type { CheckedDocuments } from './checked-documents';
import { chunks } from './chunks';
import { RedisAlerts } from './redis-alerts';
import { countLegacyOpen } from './legacy-open-counts';
import { impactsSince } from './redis-impacts';
import { migrateLayout } from './layout-migration';
import { guarded } from './redis-client';
import { RedisPolicies } from './redis-policies';
import type { SaveDeps } from './save-incident';
import { saveIncident } from './save-incident';
import { escapeLine } from './script-lines';

/** Incidents per pipeline: big reads go in slices, so no reply holds Redis up for long. */
const READ_CHUNK = 1000;

/**
 * Incidents in Redis: a small header document per incident, its alerts beside it (state, record, card
 * order), written by one Lua script per change (lua/save-incident.lua). A delivery reads the header
 * and the states of the alerts it carries, and writes only the alerts that changed.
 */
export class RedisIncidents implements IncidentRepository {
  private readonly policies: RedisPolicies;
  private readonly saving: SaveDeps;
  private readonly alerts: RedisAlerts;

  constructor(
    private readonly redis: VigieRedis,
    private readonly keys: RedisKeys,
    /** How long a resolved incident (with its alerts, audit log and card refs) is kept. */
    retentionMs: number,
    private readonly reportUnreadable: UnreadableReporter,
    /** Documents this process wrote or checked (shared by its connections): not checked again. */
    private readonly checked: CheckedDocuments,
    /** Given on the background connection: reads share the event loop with requests (LoopSlicer). */
    private readonly pace: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.policies = new RedisPolicies(redis, keys);
    this.saving = { redis, keys, retentionMs, policies: this.policies };
    this.alerts = new RedisAlerts(redis, keys, reportUnreadable);
  }

  nextIncidentNumber(): Promise<number> {
    return guarded('incident sequence', () => this.redis.incr(this.keys.incidentSequence()));
  }

  async get(id: string): Promise<Incident | null> {
    const doc = await guarded('incident read', () => this.redis.hget(this.keys.incident(id), 'doc'));
    if (doc === null) return null;
    await this.pace();
    return this.read(id, doc);
  }

  async findByKey(key: string): Promise<Incident | null> {
    const owner = await guarded('incident key read', () => this.redis.get(this.keys.incidentKey(key)));
    if (owner === null) return null;
    const incident = await this.get(owner);
    if (incident !== null) return incident;
    const exists = await guarded('incident exists', () =>
      this.redis.hexists(this.keys.incident(owner), 'doc'),
    );
    if (exists === 1) {
      // Unreadable (reported): its alerts open a new incident rather than being refused for ever.
      await guarded('incident key release', () => this.redis.del(this.keys.incidentKey(key)));
    }
    return null;
  }

  async listOpen(): Promise<Incident[]> {
    const ids = await guarded('open incidents', () =>
      this.redis.zrange(this.keys.openIncidents(), '0', '-1'),
    );
    return this.getMany(ids);
  }

  impactsSince(since: number): Promise<ImpactRecord[]> {
    return impactsSince(this.redis, this.keys, since, this.reportUnreadable);
  }

  async *openPages(pageSize: number): AsyncIterable<Incident[]> {
    const page = (start: number) =>
      guarded('open incidents', () =>
        this.redis.zrange(this.keys.openIncidents(), String(start), String(start + pageSize - 1)),
      ).then((ids) => ({ ids, incidents: ids.length === 0 ? [] : this.getMany(ids) }));
    // The next page is read from Redis while the caller works on this one.
    let next = page(0);
    for (let start = 0; ; start += pageSize) {
      const { ids, incidents } = await next;
      if (ids.length === 0) return;
      if (ids.length === pageSize) next = page(start + pageSize);
      yield await incidents;
      if (ids.length < pageSize) return;
    }
  }

  async listOpenedSince(since: number): Promise<Incident[]> {
    const ids = await guarded('incidents by opening', () =>
      this.redis.zrangebyscore(this.keys.incidentsByOpening(), since, '+inf'),
    );
    return this.getMany(ids);
  }

  async findByKeyWithStates(
    key: string,
    fingerprints: string[],
  ): Promise<{ incident: Incident; known: Map<string, AlertState> } | null> {
    const unique = [...new Set(fingerprints)];
    const reply = await guarded('delivery read', () =>
      this.redis.vigieReadDelivery(
        1,
        this.keys.incidentKey(key),
        this.keys.incidentPrefix(),
        unique.map(escapeLine).join('\n'),
      ),
    );
    const [owner, doc, lines] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (typeof owner !== 'string') return null;
    // One state per line, in the order of `unique`; an empty line: an alert the incident never saw.
    const states = typeof lines === 'string' && unique.length > 0 ? lines.split('\n') : [];
    // Missing or unreadable: the slow path says which, and releases an unreadable incident's key.
    const incident = typeof doc === 'string' ? await this.read(owner, doc) : null;
    if (incident === null || states.length !== unique.length) {
      const found = await this.findByKey(key);
      return found === null ? null : { incident: found, known: await this.alertStates(found.id, unique) };
    }
    const known = new Map<string, AlertState>();
    unique.forEach((fingerprint, i) => {
      const value = states[i];
      if (value !== undefined && value !== '') this.alerts.readState(known, fingerprint, value, owner);
    });
    return { incident, known };
  }

  alertStates(incidentId: string, fingerprints: string[]): Promise<Map<string, AlertState>> {
    return this.alerts.states(incidentId, fingerprints);
  }

  listAlerts(incidentId: string, limit: number): Promise<AlertRecord[]> {
    return this.alerts.list(incidentId, limit);
  }

  async openCounts(): Promise<Array<{ runbook: string; severity: string; count: number }>> {
    const all = await guarded('open counts', () => this.redis.hgetall(this.keys.openCounts()));
    return Object.entries(all)
      .map(([field, count]) => ({ ...splitGaugeField(field), count: Number(count) }))
      .filter((c) => c.count > 0);
  }

  /** Counts the open incidents saved before the open-incident counts existed, once (see countLegacyOpen). */
  countLegacyOpen(): Promise<number> {
    return countLegacyOpen(this.redis, this.keys, () => this.listOpen());
  }

  /**
   * Rewrites every incident still in layout 1 (all alerts inside its document) in the current layout, each
   * atomically and checked against its version. Reading converts old documents anyway; this does it
   * once at start so that no delivery pays for it. Returns how many it rewrote.
   */
  migrateLayout(): Promise<number> {
    return migrateLayout(
      this.redis,
      this.keys,
      async (id, doc) => (await this.readStored(id, doc))?.layout === 1,
    );
  }

  async save(
    incident: Incident,
    expected: { version: number; keyOwner?: string | null },
    work: DurableWork = NO_WORK,
    alerts: AlertRecord[] = [],
  ): Promise<boolean> {
    const saved = await saveIncident(this.saving, incident, expected, work, alerts);
    if (saved !== undefined) this.checked.remember(incident.id, saved);
    return saved !== undefined;
  }

  private async getMany(ids: string[]): Promise<Incident[]> {
    const incidents: Incident[] = [];
    for (const slice of chunks(ids, READ_CHUNK)) {
      const pipeline = this.redis.pipeline();
      for (const id of slice) pipeline.hget(this.keys.incident(id), 'doc');
      const replies = (await guarded('incidents read', () => pipeline.exec())) ?? [];
      for (const [i, [error, doc]] of replies.entries()) {
        if (error !== null) throw new Error(`incident read failed: ${error.message}`);
        if (typeof doc !== 'string') continue;
        await this.pace();
        const incident = await this.read(slice[i] ?? '', doc);
        if (incident !== null) incidents.push(incident);
      }
    }
    return incidents;
  }

  private async read(id: string, doc: string): Promise<Incident | null> {
    return (await this.readStored(id, doc))?.incident ?? null;
  }

  /**
   * Reads a document, checked unless it is exactly the text this process last wrote or checked for
   * that incident, with its policy (read and checked once per process); a layout-1 one is written back
   * in layout 3 (same version) before it is used.
   */
  private async readStored(
    id: string,
    doc: string,
  ): Promise<{ layout: 1 | 2 | 3; incident: Incident } | null> {
    let read: ReadIncident;
    try {
      if (this.checked.isKnown(id, doc)) read = trustedIncidentDocument(doc);
      else {
        read = readIncidentDocument(doc, `incident ${id}`);
        if (read.layout !== 1) this.checked.remember(id, doc);
      }
      if (read.layout === 3) {
        const { policyRef } = read;
        const policy = this.policies.cached(policyRef) ?? (await this.policies.load(policyRef));
        // The policy added to the one copy made of the document (a spread would copy it again).
        return { layout: 3, incident: Object.assign(read.stored, { policy }) };
      }
    } catch (error) {
      if (!(error instanceof UnreadableDocumentError)) throw error;
      this.reportUnreadable(error);
      return null;
    }
    if (read.layout === 1) {
      const { incident, alerts } = read;
      // Same version: a writer that read the old document still saves against it. A conflict means
      // someone else converted or changed it first; the document read next time is the new one.
      await this.save(incident, { version: incident.version }, NO_WORK, alerts);
    }
    return read;
  }
}

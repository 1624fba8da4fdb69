/**
 * Every key shares one hash tag, `{prefix:v1}`, so multi-key Lua scripts stay legal on Redis Cluster
 * (all of Vigie's keys live in one slot: its data is small, and atomicity matters more than spread).
 * `v1` is the key-naming version: a change of key names gets a new one instead of reading old data
 * wrongly. The incident document carries its own layout version (src/store/incident-document.ts).
 */
export class RedisKeys {
  private readonly base: string;

  constructor(prefix: string) {
    this.base = `{${prefix}:v1}`;
  }

  incident(id: string): string {
    return `${this.incidentPrefix()}${id}`;
  }
  /** What every incident's keys start with (scripts build an owner's keys from it). */
  incidentPrefix(): string {
    return `${this.base}:incident:`;
  }
  /** An incident's alerts, beside it: states (with each alert's place in the order), records, card order. */
  /** Named in lua/read-delivery.lua too: `incident(id) + ':alert-states'`. */
  alertStates(id: string): string {
    return `${this.incident(id)}:alert-states`;
  }
  alertRecords(id: string): string {
    return `${this.base}:incident:${id}:alerts`;
  }
  /**
   * Where a new incident's many alerts are written before its save script moves them into place
   * (states, records, order; see RedisIncidents.save). `attempt` tells concurrent attempts apart.
   */
  stagedAlerts(id: string, attempt: string): { states: string; records: string; order: string } {
    const at = `${this.incident(id)}:staged:${attempt}`;
    return { states: `${at}:alert-states`, records: `${at}:alerts`, order: `${at}:alert-order` };
  }
  alertOrder(id: string): string {
    return `${this.base}:incident:${id}:alert-order`;
  }
  incidentKey(key: string): string {
    return `${this.base}:incident-key:${key}`;
  }
  openIncidents(): string {
    return `${this.base}:incidents:open`;
  }
  /** Open incidents counted by `runbook|severity`, maintained by the save script. */
  openCounts(): string {
    return `${this.base}:incidents:open-counts`;
  }
  /** Each incident's impact record (error budget), and the same ids by when their impact ended. */
  impacts(): string {
    return `${this.base}:incidents:impact`;
  }
  impactsByEnd(): string {
    return `${this.base}:incidents:impact-by-end`;
  }
  /** Incident policies by reference (layout 3): stored once each, never expire (a handful). */
  policies(): string {
    return `${this.base}:incidents:policies`;
  }
  incidentsByOpening(): string {
    return `${this.base}:incidents:by-opened`;
  }
  incidentSequence(): string {
    return `${this.base}:incidents:seq`;
  }
  queueDue(name: string): string {
    return `${this.base}:queue:${name}:due`;
  }
  queueLeased(name: string): string {
    return `${this.base}:queue:${name}:leased`;
  }
  /** Members of a queue marked urgently since they were last claimed (the card-sync queue only). */
  queueUrgent(name: string): string {
    return `${this.base}:queue:${name}:urgent`;
  }
  audit(incidentId: string): string {
    return `${this.base}:audit:${incidentId}`;
  }
  once(key: string): string {
    return `${this.base}:once:${key}`;
  }
  rateBucket(key: string): string {
    return `${this.base}:rate:${key}`;
  }
  cards(incidentId: string): string {
    return `${this.base}:cards:${incidentId}`;
  }
  /** A scope's (runbook and channel) current storm digest. */
  currentDigest(scope: string): string {
    return `${this.base}:digest-current:${scope}`;
  }
  /** Named in lua/join-digest.lua too: a digest's members are `digestPrefix() + id + ':members'`. */
  digestPrefix(): string {
    return `${this.base}:digest:`;
  }
  digestMembers(id: string): string {
    return `${this.digestPrefix()}${id}:members`;
  }
  digestRef(id: string): string {
    return `${this.digestPrefix()}${id}:ref`;
  }
}

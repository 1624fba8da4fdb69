import type { IncidentRepository } from '../incidents/ports';

/**
 * A durable work queue with leases: members become due at a time, a worker claims due members for a
 * lease, and a member whose lease expires (its worker died) is claimed again. A member is never held
 * by two live leases at once, so two replicas never work on the same member together.
 */
export interface WorkQueue {
  /** Makes `member` due at `dueAt`, or sooner if it is already due earlier. */
  schedule(member: string, dueAt: number): Promise<void>;
  /** `schedule` for many members at once (one round trip per thousand in Redis). */
  scheduleMany(entries: ClaimedWork[]): Promise<void>;
  /**
   * Claims up to `limit` due members for `leaseMs`, with the time each was due: the earliest due first,
   * members due at the same moment in member order (a Redis sorted set's; by byte).
   */
  claim(now: number, leaseMs: number, limit: number): Promise<ClaimedWork[]>;
  /** The work is done: drop the lease. A member scheduled again meanwhile stays due. */
  complete(member: string): Promise<void>;
  /** The work failed: drop the lease and make the member due again at `dueAt`. */
  retry(member: string, dueAt: number): Promise<void>;
  /**
   * The work cannot progress before `until` (Slack's budget for a card's channel): drop the lease and
   * make the member due then, even if an ordinary change marked it due sooner while it was worked on
   * (it would only find the budget empty again). Absent: `retry`.
   */
  hold?(member: string, until: number): Promise<void>;
  counts(): Promise<{ due: number; leased: number }>;
  /** Members due before `before` and still waiting (not claimed): late work, for the watchdog. */
  overdue(before: number, limit: number): Promise<ClaimedWork[]>;
  /**
   * Awaited by a consumer before each piece of work: a background queue shares the event loop with
   * the request path (see LoopSlicer); absent, work starts at once.
   */
  pace?(): Promise<void>;
}

export interface ClaimedWork {
  member: string;
  dueAt: number;
}

/** Where the card of an incident was posted, per channel, and what Slack holds of it. */
export interface CardRef {
  channel: string;
  /** Empty while a post's outcome is unknown (see `postingSince`). */
  channelId: string;
  ts: string;
  /** The last timeline entry announced in the card's thread. */
  threadedSeq: number;
  /** A hash of the content Slack holds: an update with the same content is never sent. */
  hash?: string;
  /** The status and severity the card shows: a change of them is a state change, sent first. */
  shown?: string;
  /** The incident version the card shows: the same version rendered again is only a cosmetic refresh. */
  version?: number;
  /** Set just before the card is posted: if it is still set, that post's outcome is unknown. */
  postingSince?: number;
  /** Set just before a thread reply is posted (entries up to `upTo`): if still set, its outcome is unknown. */
  threadPending?: { upTo: number; since: number } | undefined;
  /** Set when the incident opened during a storm: the storm digest listing it here instead of a card. */
  digest?: string | undefined;
}

export interface CardRefStore {
  list(incidentId: string): Promise<CardRef[]>;
  put(incidentId: string, ref: CardRef): Promise<void>;
}

/** Where a storm digest was posted and what Slack holds of it (see `DigestStore`). */
export interface DigestRef {
  channel: string;
  channelId: string;
  ts: string;
  hash?: string;
  postingSince?: number;
}

/**
 * Storm digests: when a runbook opens incidents faster than its channel should get cards, the extra
 * incidents are listed on one message per runbook and channel (a digest) until the storm is over.
 * Shared by every replica: all of them add to the same digest.
 */
export interface DigestStore {
  /**
   * Adds the incident to the scope's (runbook and channel) current digest, or to a new one when
   * nothing joined the current one for `quietMs`: a storm an hour later gets a digest of its own.
   */
  join(scope: string, incidentId: string, now: number, quietMs: number): Promise<string>;
  /** Up to `limit` of the digest's incidents, the latest to join first, and how many it lists. */
  members(digestId: string, limit: number): Promise<{ ids: string[]; total: number }>;
  /** The incident got a card of its own: the digest stops listing it. */
  leave(digestId: string, incidentId: string): Promise<void>;
  ref(digestId: string): Promise<DigestRef | undefined>;
  putRef(digestId: string, ref: DigestRef): Promise<void>;
}

/** How long a digest is kept after its last change (a click on an older one is refused). */
export const DIGEST_RETENTION_MS = 30 * 24 * 3600_000;

/** One audited act: who did what to which incident, with what, and how it ended. */
export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  params: Record<string, string | number | boolean>;
  outcome: string;
}

/** Append-only, per incident; nothing rewrites or deletes an entry. */
export interface AuditLog {
  append(incidentId: string, entry: AuditEntry): Promise<void>;
  list(incidentId: string): Promise<AuditEntry[]>;
}

/** "Seen before?" with expiry: Slack retries and double deliveries are acted on once. */
export interface OnceGuard {
  /** True the first time `key` is seen within `ttlMs`, false after. */
  firstTime(key: string, ttlMs: number): Promise<boolean>;
}

/** One token bucket of a rate budget: `burst` calls at once, then `perSecond`. */
export interface BucketSpec {
  key: string;
  perSecond: number;
  burst: number;
  /** Tokens this call must leave in the bucket (headroom kept for higher priorities). */
  reserve: number;
}

/**
 * Rate budgets shared by every replica (Slack's limits count per app, not per process): token buckets
 * and pauses (a 429's Retry-After) by key.
 */
export interface RateBudget {
  /** Takes one token from every bucket if all allow it now; else takes none and says how long to wait (ms). */
  take(buckets: BucketSpec[], now: number): Promise<number>;
  /** What `take` would answer now, without taking anything (0: a token is there). */
  peek(buckets: BucketSpec[], now: number): Promise<number>;
  /** Nothing is taken from `key` before `untilMs` (Slack answered 429). */
  pause(key: string, untilMs: number): Promise<void>;
}

/**
 * The card-sync queue: every save marks its incident's card (see IncidentRepository.save). An urgent
 * mark (the card's status or severity changed, or a responder asked) is due at once, even while the
 * card waits for its channel's budget: Slack's pacing keeps a reserve for such writes. An ordinary
 * mark (new alerts, a timeline entry) waits for a hold: in a storm an incident changes every few
 * milliseconds, and each change would otherwise wake the card only to find the budget empty.
 */
export interface CardSyncQueue extends WorkQueue {
  /** `member` must show a change made at `at`: due then, unless it is due already or held (see hold). */
  mark(member: string, at: number, urgent: boolean): Promise<void>;
  hold(member: string, until: number): Promise<void>;
}

/** What the card must show (status, severity) changed: its mark is urgent. */
export const shownOnCard = (incident: { status: string; severity: string }): string =>
  `${incident.status}:${incident.severity}`;

/** Everything Vigie keeps. Two implementations: Redis (production) and memory (local sandbox). */
export interface Store {
  readonly kind: 'redis' | 'memory';
  incidents: IncidentRepository;
  /** Incidents whose Slack card is out of date; marked atomically by `incidents.save`. */
  cardSync: CardSyncQueue;
  cards: CardRefStore;
  digests: DigestStore;
  audit: AuditLog;
  once: OnceGuard;
  rateBudget: RateBudget;
  /** A named durable queue (the same name is the same queue for every replica). */
  queue(name: string): WorkQueue;
  /**
   * The same data over a connection of its own for background work (card sync, escalations, the
   * error budget), so it never queues in front of the request path; absent: use this store.
   */
  background?(): Store;
  /** Where to report stored documents that cannot be read (they are skipped): Redis only. */
  reportUnreadableTo?(report: (what: string, reason: string) => void): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const CARD_SYNC_QUEUE = 'card-sync';

import type { DigestRef, DigestStore } from '../store';

interface Digest {
  ref: DigestRef | undefined;
  /** Incident id → when it joined. */
  members: Map<string, number>;
}

/** Storm digests in memory (the local sandbox). Retention is Redis's: a sandbox does not live a month. */
export class MemoryDigests implements DigestStore {
  private readonly digests = new Map<string, Digest>();
  private readonly current = new Map<string, { id: string; lastJoinAt: number }>();

  join(scope: string, incidentId: string, now: number, quietMs: number): Promise<string> {
    const known = this.current.get(scope);
    const id = known !== undefined && known.lastJoinAt >= now - quietMs ? known.id : `${scope}@${now}`;
    this.current.set(scope, { id, lastJoinAt: now });
    const digest = this.digests.get(id) ?? { ref: undefined, members: new Map<string, number>() };
    if (!digest.members.has(incidentId)) digest.members.set(incidentId, now);
    this.digests.set(id, digest);
    return Promise.resolve(id);
  }

  members(digestId: string, limit: number): Promise<{ ids: string[]; total: number }> {
    const members = [...(this.digests.get(digestId)?.members ?? new Map<string, number>())];
    // Latest first; the same join time falls back to the id, as Redis's ZREVRANGE does.
    members.sort(([a, at], [b, bt]) => bt - at || (a < b ? 1 : a > b ? -1 : 0));
    return Promise.resolve({ ids: members.slice(0, limit).map(([id]) => id), total: members.length });
  }

  leave(digestId: string, incidentId: string): Promise<void> {
    this.digests.get(digestId)?.members.delete(incidentId);
    return Promise.resolve();
  }

  ref(digestId: string): Promise<DigestRef | undefined> {
    const ref = this.digests.get(digestId)?.ref;
    return Promise.resolve(ref === undefined ? undefined : { ...ref });
  }

  putRef(digestId: string, ref: DigestRef): Promise<void> {
    const digest = this.digests.get(digestId) ?? { ref: undefined, members: new Map<string, number>() };
    digest.ref = { ...ref };
    this.digests.set(digestId, digest);
    return Promise.resolve();
  }
}

import type { DigestRef, DigestStore } from '../store';
import { DIGEST_RETENTION_MS } from '../store';
import { readDigestRef } from '../card-documents';
import { UnreadableDocumentError } from '../incident-document';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import type { UnreadableReporter } from '../incident-document';
import { guarded } from './redis-client';

/** Storm digests: the scope's current digest (lua/join-digest.lua), members by join time, the ref. */
export class RedisDigests implements DigestStore {
  constructor(
    private readonly redis: VigieRedis,
    private readonly keys: RedisKeys,
    private readonly reportUnreadable: UnreadableReporter,
  ) {}

  async join(scope: string, incidentId: string, now: number, quietMs: number): Promise<string> {
    const id = await guarded('digest join', () =>
      this.redis.vigieJoinDigest(
        1,
        this.keys.currentDigest(scope),
        scope,
        incidentId,
        now,
        quietMs,
        DIGEST_RETENTION_MS,
        this.keys.digestPrefix(),
      ),
    );
    if (typeof id !== 'string') throw new Error(`join-digest.lua answered ${String(id)}, not a digest id`);
    return id;
  }

  async members(digestId: string, limit: number): Promise<{ ids: string[]; total: number }> {
    const key = this.keys.digestMembers(digestId);
    const [ids, total] = await guarded('digest read', () =>
      Promise.all([this.redis.zrevrange(key, 0, limit - 1), this.redis.zcard(key)]),
    );
    return { ids, total };
  }

  async leave(digestId: string, incidentId: string): Promise<void> {
    await guarded('digest write', () => this.redis.zrem(this.keys.digestMembers(digestId), incidentId));
  }

  async ref(digestId: string): Promise<DigestRef | undefined> {
    const text = await guarded('digest read', () => this.redis.get(this.keys.digestRef(digestId)));
    if (text === null) return undefined;
    try {
      return readDigestRef(text, `digest ref ${digestId}`);
    } catch (error) {
      // Skipped: the digest is posted again rather than never kept up to date.
      if (!(error instanceof UnreadableDocumentError)) throw error;
      this.reportUnreadable(error);
      return undefined;
    }
  }

  async putRef(digestId: string, ref: DigestRef): Promise<void> {
    await guarded('digest write', () =>
      this.redis.set(this.keys.digestRef(digestId), JSON.stringify(ref), 'PX', DIGEST_RETENTION_MS),
    );
  }
}

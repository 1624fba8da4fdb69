import type { Redis } from 'ioredis';
import type { AuditEntry, AuditLog, CardRef, CardRefStore, OnceGuard, Store } from '../store';
import { CARD_SYNC_QUEUE } from '../store';
import { RedisKeys } from './keys';
import { defineScripts } from './lua-commands';
import { createRedisClient, guarded } from './redis-client';
import { RedisIncidents } from './redis-incidents';
import { RedisWorkQueue } from './redis-queue';
import { RedisRateBudget } from './redis-rate-budget';

/** A year of post-mortems and error budgets, and a month more: resolved incidents expire after it. */
export const DEFAULT_RETENTION_DAYS = 400;

class RedisCards implements CardRefStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async list(incidentId: string): Promise<CardRef[]> {
    const all = await guarded('card refs read', () => this.redis.hgetall(this.keys.cards(incidentId)));
    return Object.values(all).map((json) => JSON.parse(json) as CardRef);
  }

  async put(incidentId: string, ref: CardRef): Promise<void> {
    await guarded('card ref write', () =>
      this.redis.hset(this.keys.cards(incidentId), ref.channel, JSON.stringify(ref)),
    );
  }
}

/** A Redis stream per incident: XADD only, so the log is append-only by construction. */
class RedisAudit implements AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async append(incidentId: string, entry: AuditEntry): Promise<void> {
    await guarded('audit append', () =>
      this.redis.xadd(
        this.keys.audit(incidentId),
        '*',
        'at',
        String(entry.at),
        'actor',
        entry.actor,
        'action',
        entry.action,
        'params',
        JSON.stringify(entry.params),
        'outcome',
        entry.outcome,
      ),
    );
  }

  async list(incidentId: string): Promise<AuditEntry[]> {
    const rows = await guarded('audit read', () => this.redis.xrange(this.keys.audit(incidentId), '-', '+'));
    return rows.map(([, fields]) => {
      const f = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] ?? '', fields[i + 1] ?? '');
      return {
        at: Number(f.get('at')),
        actor: f.get('actor') ?? '',
        action: f.get('action') ?? '',
        params: JSON.parse(f.get('params') ?? '{}') as AuditEntry['params'],
        outcome: f.get('outcome') ?? '',
      };
    });
  }
}

class RedisOnce implements OnceGuard {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async firstTime(key: string, ttlMs: number): Promise<boolean> {
    const set = await guarded('once guard', () =>
      this.redis.set(this.keys.once(key), '1', 'PX', ttlMs, 'NX'),
    );
    return set === 'OK';
  }
}

export interface RedisStoreOptions {
  retentionDays?: number;
}

/** Connects (failing fast if Redis is not there yet is the caller's choice: see `connect`). */
export function createRedisStore(
  url: string,
  prefix: string,
  options: RedisStoreOptions = {},
): Store & { redis: Redis; incidents: RedisIncidents; connect(): Promise<{ migrated: number }> } {
  const redis = defineScripts(createRedisClient(url));
  const keys = new RedisKeys(prefix);
  let report: (what: string, reason: string) => void = () => undefined;
  const incidents = new RedisIncidents(
    redis,
    keys,
    (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400_000,
    (error) => report(error.what, error.reason),
  );
  return {
    kind: 'redis',
    redis,
    incidents,
    cardSync: new RedisWorkQueue(redis, keys, CARD_SYNC_QUEUE),
    queue: (name) => new RedisWorkQueue(redis, keys, name),
    cards: new RedisCards(redis, keys),
    audit: new RedisAudit(redis, keys),
    once: new RedisOnce(redis, keys),
    rateBudget: new RedisRateBudget(redis, keys),
    reportUnreadableTo: (reporter) => {
      report = reporter;
    },
    connect: async () => {
      await redis.connect();
      // Incidents opened before the open-incident counts existed are counted once.
      await incidents.countLegacyOpen();
      // Incidents stored in the previous layout (all alerts in one document) are rewritten once.
      return { migrated: await incidents.migrateLayout() };
    },
    ping: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}

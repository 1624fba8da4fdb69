import type { Redis } from 'ioredis';
import type { DurableWork, IncidentRepository } from '../../incidents/ports';
import { NO_WORK } from '../../incidents/ports';
import type { Incident } from '../../incidents/types';
import type { AuditEntry, AuditLog, CardRef, CardRefStore, OnceGuard, Store } from '../store';
import { CARD_SYNC_QUEUE } from '../store';
import { gaugeField, splitGaugeField } from '../open-counts';
import { RedisKeys } from './keys';
import { createRedisClient, guarded } from './redis-client';
import { RedisWorkQueue } from './redis-queue';
import { RedisRateBudget } from './redis-rate-budget';
import { SAVE_INCIDENT } from './scripts';

/** A year of post-mortems and error budgets, and a month more: resolved incidents expire after it. */
export const DEFAULT_RETENTION_DAYS = 400;

class RedisIncidents implements IncidentRepository {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    /** How long a resolved incident (with its audit log and card refs) is kept. */
    private readonly retentionMs: number,
  ) {}

  nextIncidentNumber(): Promise<number> {
    return guarded('incident sequence', () => this.redis.incr(this.keys.incidentSequence()));
  }

  async get(id: string): Promise<Incident | null> {
    const doc = await guarded('incident read', () => this.redis.hget(this.keys.incident(id), 'doc'));
    return doc === null ? null : (JSON.parse(doc) as Incident);
  }

  async findByKey(key: string): Promise<Incident | null> {
    const owner = await guarded('incident key read', () => this.redis.get(this.keys.incidentKey(key)));
    return owner === null ? null : this.get(owner);
  }

  async listOpen(): Promise<Incident[]> {
    const ids = await guarded('open incidents', () =>
      this.redis.zrange(this.keys.openIncidents(), '0', '-1'),
    );
    const incidents = await Promise.all(ids.map((id) => this.get(id)));
    return incidents.filter((i): i is Incident => i !== null);
  }

  async openCounts(): Promise<Array<{ runbook: string; severity: string; count: number }>> {
    const all = await guarded('open counts', () => this.redis.hgetall(this.keys.openCounts()));
    return Object.entries(all)
      .map(([field, count]) => ({ ...splitGaugeField(field), count: Number(count) }))
      .filter((c) => c.count > 0);
  }

  /**
   * Counts the open incidents saved before the counts existed (an upgrade), once: afterwards every
   * save keeps them. Returns how many incidents it counted.
   */
  async countLegacyOpen(): Promise<number> {
    const first = await guarded('open counts marker', () =>
      this.redis.set(`${this.keys.openCounts()}:built`, '1', 'NX'),
    );
    if (first !== 'OK') return 0;
    let counted = 0;
    for (const incident of await this.listOpen()) {
      const claimed = await guarded('open counts claim', () =>
        this.redis.hsetnx(this.keys.incident(incident.id), 'gauge', gaugeField(incident)),
      );
      if (claimed === 1) {
        await guarded('open counts add', () =>
          this.redis.hincrby(this.keys.openCounts(), gaugeField(incident), 1),
        );
        counted += 1;
      }
    }
    return counted;
  }

  async listOpenedSince(since: number): Promise<Incident[]> {
    const ids = await guarded('incidents by opening', () =>
      this.redis.zrangebyscore(this.keys.incidentsByOpening(), since, '+inf'),
    );
    const incidents = await Promise.all(ids.map((id) => this.get(id)));
    return incidents.filter((i): i is Incident => i !== null);
  }

  async save(
    incident: Incident,
    expected: { version: number; keyOwner?: string | null },
    work: DurableWork = NO_WORK,
  ): Promise<boolean> {
    const keyOwner = expected.keyOwner === undefined ? '*' : (expected.keyOwner ?? '');
    const keys = [
      this.keys.incident(incident.id),
      this.keys.incidentKey(incident.key),
      this.keys.openIncidents(),
      this.keys.queueDue(CARD_SYNC_QUEUE),
      this.keys.incidentsByOpening(),
      ...work.schedule.map((w) => this.keys.queueDue(w.queue)),
      ...work.cancel.map((w) => this.keys.queueDue(w.queue)),
      this.keys.audit(incident.id),
      this.keys.cards(incident.id),
      this.keys.openCounts(),
    ];
    const args = [
      incident.id,
      expected.version,
      incident.version,
      JSON.stringify(incident),
      keyOwner,
      incident.status,
      incident.openedAt,
      incident.updatedAt,
      work.schedule.length,
      ...work.schedule.flatMap((w) => [w.member, w.dueAt]),
      work.cancel.length,
      ...work.cancel.map((w) => w.member),
      this.retentionMs,
      incident.status === 'resolved' ? '' : gaugeField(incident),
    ];
    const written = await guarded('incident save', () =>
      this.redis.eval(SAVE_INCIDENT, keys.length, ...keys, ...args),
    );
    return written === 1;
  }
}

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

/** Connects (failing fast if Redis is not there yet is the caller's choice: see `connect`). */
export function createRedisStore(
  url: string,
  prefix: string,
  retentionDays = DEFAULT_RETENTION_DAYS,
): Store & { redis: Redis; connect(): Promise<void> } {
  const redis = createRedisClient(url);
  const keys = new RedisKeys(prefix);
  const incidents = new RedisIncidents(redis, keys, retentionDays * 86_400_000);
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
    connect: async () => {
      await redis.connect();
      // Incidents opened before the open-incident counts existed are counted once.
      await incidents.countLegacyOpen();
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

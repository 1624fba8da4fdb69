import type { Redis } from 'ioredis';
import type { AuditEntry, AuditLog, OnceGuard, Store } from '../store';
import { CARD_SYNC_QUEUE } from '../store';
import { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { defineScripts } from './lua-commands';
import { logConnection } from './connection-log';
import type { Logger } from '../../observability/logger';
import type { MemoryPolicy } from './memory-policy';
import { readMemoryPolicy } from './memory-policy';
import { createRedisClient, guarded } from './redis-client';
import { RedisCards } from './redis-cards';
import { RedisDigests } from './redis-digests';
import type { UnreadableReporter } from '../incident-document';
import { RedisIncidents } from './redis-incidents';
import { RedisCardSyncQueue, RedisWorkQueue } from './redis-queue';
import { LoopSlicer } from '../loop-slicer';
import { RedisRateBudget } from './redis-rate-budget';
import { CheckedDocuments } from './checked-documents';

/** A year of post-mortems and error budgets, and a month more: resolved incidents expire after it. */
export const DEFAULT_RETENTION_DAYS = 400;

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
  /** Where connection trouble is told (once, then every 30 s while it lasts); silent without. */
  logger?: Logger;
}

/** The parts of a store over one connection. */
function storeOver(
  redis: VigieRedis,
  keys: RedisKeys,
  incidents: RedisIncidents,
  reporter: UnreadableReporter,
  /** Background stores share the event loop with the request path (see LoopSlicer). */
  pace?: () => Promise<void>,
): Omit<Store, 'kind' | 'ping' | 'close'> {
  return {
    incidents,
    cardSync: new RedisCardSyncQueue(redis, keys, CARD_SYNC_QUEUE, pace),
    queue: (name) => new RedisWorkQueue(redis, keys, name, pace),
    cards: new RedisCards(redis, keys, reporter),
    digests: new RedisDigests(redis, keys, reporter),
    audit: new RedisAudit(redis, keys),
    once: new RedisOnce(redis, keys),
    rateBudget: new RedisRateBudget(redis, keys),
  };
}

/**
 * The Redis store, over two connections to the same data: one for the request path (Alertmanager's
 * deliveries, Slack's clicks and commands), one for background work (card sync, escalations, the
 * error budget, reminders), so a storm of background reads never queues in front of a delivery or a
 * click. Connects with `connect` (failing fast if Redis is not there yet is the caller's choice).
 */
export function createRedisStore(
  url: string,
  prefix: string,
  options: RedisStoreOptions = {},
): Store & {
  redis: Redis;
  incidents: RedisIncidents;
  connect(): Promise<{ migrated: number; memory: MemoryPolicy | undefined }>;
} {
  const keys = new RedisKeys(prefix);
  const retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400_000;
  let report: (what: string, reason: string) => void = () => undefined;
  const reporter = (error: { what: string; reason: string }) => report(error.what, error.reason);
  const redis = defineScripts(createRedisClient(url, 'requests'));
  const background = defineScripts(createRedisClient(url, 'background'));
  const logger = options.logger;
  if (logger !== undefined) {
    logConnection(redis, 'requests', logger);
    logConnection(background, 'background', logger);
  } else {
    // Errors surface on the commands (StoreUnavailableError); the events themselves need a listener.
    for (const client of [redis, background]) client.on('error', () => undefined);
  }
  const checked = new CheckedDocuments();
  const incidents = new RedisIncidents(redis, keys, retentionMs, reporter, checked);
  const ping = async () => {
    try {
      await redis.ping();
      return true;
    } catch {
      return false;
    }
  };
  const close = () => {
    redis.disconnect();
    background.disconnect();
    return Promise.resolve();
  };
  // One slicer for all background work of the process: fair among workers, yielding to requests.
  const slicer = new LoopSlicer();
  const backgroundStore: Store = {
    kind: 'redis',
    ...storeOver(
      background,
      keys,
      new RedisIncidents(background, keys, retentionMs, reporter, checked, () => slicer.turn()),
      reporter,
      () => slicer.turn(),
    ),
    ping,
    close,
  };
  return {
    kind: 'redis',
    redis,
    ...storeOver(redis, keys, incidents, reporter),
    incidents,
    background: () => backgroundStore,
    reportUnreadableTo: (reporter) => {
      report = reporter;
    },
    connect: async () => {
      await Promise.all([redis.connect(), background.connect()]);
      // Incidents opened before the open-incident counts existed are counted once.
      await incidents.countLegacyOpen();
      // Incidents stored in the previous layout (all alerts in one document) are rewritten once.
      const migrated = await incidents.migrateLayout();
      // What Redis does when full, for the start-up log (a Redis that will not say is no reason to stop).
      const memory = await readMemoryPolicy(redis).catch(() => undefined);
      return { migrated, memory };
    },
    ping,
    close,
  };
}

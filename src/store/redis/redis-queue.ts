import type { CardSyncQueue, ClaimedWork, WorkQueue } from '../store';
import type { RedisKeys } from './keys';
import { chunks } from './chunks';
import { guarded } from './redis-client';
import type { VigieRedis } from './lua-commands';

export class RedisWorkQueue implements WorkQueue {
  protected readonly due: string;
  protected readonly leased: string;

  constructor(
    protected readonly redis: VigieRedis,
    keys: RedisKeys,
    name: string,
    /** Given for queues of background work (see WorkQueue.pace). */
    readonly pace?: () => Promise<void>,
  ) {
    this.due = keys.queueDue(name);
    this.leased = keys.queueLeased(name);
  }

  async schedule(member: string, dueAt: number): Promise<void> {
    await guarded('queue schedule', () => this.redis.zadd(this.due, 'LT', dueAt, member));
  }

  async scheduleMany(entries: ClaimedWork[]): Promise<void> {
    for (const slice of chunks(entries, 1000)) {
      const pairs: Array<number | string> = [];
      for (const entry of slice) pairs.push(entry.dueAt, entry.member);
      await guarded('queue schedule', () => this.redis.zadd(this.due, 'LT', ...pairs));
    }
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedWork[]> {
    const keys = this.claimKeys();
    const flat = await guarded('queue claim', () =>
      this.redis.vigieClaim(keys.length, ...keys, now, leaseMs, limit),
    );
    return pairs(Array.isArray(flat) ? flat.map(String) : []);
  }

  /** The keys claim.lua works on: due and leased, and the urgent set for the card-sync queue. */
  protected claimKeys(): string[] {
    return [this.due, this.leased];
  }

  async overdue(before: number, limit: number): Promise<ClaimedWork[]> {
    const flat = await guarded('queue overdue', () =>
      this.redis.zrangebyscore(this.due, '-inf', `(${before}`, 'WITHSCORES', 'LIMIT', 0, limit),
    );
    return pairs(flat);
  }

  async complete(member: string): Promise<void> {
    await guarded('queue complete', () => this.redis.zrem(this.leased, member));
  }

  async retry(member: string, dueAt: number): Promise<void> {
    await guarded('queue retry', () => this.redis.vigieRetry(2, this.due, this.leased, member, dueAt));
  }

  async counts(): Promise<{ due: number; leased: number }> {
    const [due, leased] = await guarded('queue counts', () =>
      Promise.all([this.redis.zcard(this.due), this.redis.zcard(this.leased)]),
    );
    return { due, leased };
  }
}

/** The card-sync queue: ordinary and urgent marks, holds (see CardSyncQueue). */
export class RedisCardSyncQueue extends RedisWorkQueue implements CardSyncQueue {
  private readonly urgent: string;

  constructor(redis: VigieRedis, keys: RedisKeys, name: string, pace?: () => Promise<void>) {
    super(redis, keys, name, pace);
    this.urgent = keys.queueUrgent(name);
  }

  async mark(member: string, at: number, urgent: boolean): Promise<void> {
    await guarded('card mark', () =>
      this.redis.vigieMark(2, this.due, this.urgent, member, at, urgent ? '1' : '0'),
    );
  }

  async hold(member: string, until: number): Promise<void> {
    await guarded('card hold', () =>
      this.redis.vigieHold(3, this.due, this.leased, this.urgent, member, until),
    );
  }

  protected override claimKeys(): string[] {
    return [this.due, this.leased, this.urgent];
  }
}

function pairs(flat: string[]): ClaimedWork[] {
  const result: ClaimedWork[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    result.push({ member: flat[i] ?? '', dueAt: Number(flat[i + 1]) });
  return result;
}

import type { Redis } from 'ioredis';
import type { WorkQueue } from '../store';
import type { RedisKeys } from './keys';
import { guarded } from './redis-client';
import { CLAIM, RETRY } from './scripts';

export class RedisWorkQueue implements WorkQueue {
  private readonly due: string;
  private readonly leased: string;

  constructor(
    private readonly redis: Redis,
    keys: RedisKeys,
    name: string,
  ) {
    this.due = keys.queueDue(name);
    this.leased = keys.queueLeased(name);
  }

  async schedule(member: string, dueAt: number): Promise<void> {
    await guarded('queue schedule', () => this.redis.zadd(this.due, 'LT', dueAt, member));
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const claimed = await guarded('queue claim', () =>
      this.redis.eval(CLAIM, 2, this.due, this.leased, now, leaseMs, limit),
    );
    return Array.isArray(claimed) ? claimed.map(String) : [];
  }

  async complete(member: string): Promise<void> {
    await guarded('queue complete', () => this.redis.zrem(this.leased, member));
  }

  async retry(member: string, dueAt: number): Promise<void> {
    await guarded('queue retry', () => this.redis.eval(RETRY, 2, this.due, this.leased, member, dueAt));
  }

  async counts(): Promise<{ due: number; leased: number }> {
    const [due, leased] = await guarded('queue counts', () =>
      Promise.all([this.redis.zcard(this.due), this.redis.zcard(this.leased)]),
    );
    return { due, leased };
  }
}

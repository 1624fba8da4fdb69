import type { BucketSpec, RateBudget } from '../store';
import type { RedisKeys } from './keys';
import { guarded } from './redis-client';
import type { VigieRedis } from './lua-commands';

/** Slack's rate budgets in Redis, so two replicas together stay within one app's limits. */
export class RedisRateBudget implements RateBudget {
  constructor(
    private readonly redis: VigieRedis,
    private readonly keys: RedisKeys,
  ) {}

  take(buckets: BucketSpec[], now: number): Promise<number> {
    return this.run(buckets, now, 'take');
  }

  peek(buckets: BucketSpec[], now: number): Promise<number> {
    return this.run(buckets, now, 'peek');
  }

  private async run(buckets: BucketSpec[], now: number, mode: 'take' | 'peek'): Promise<number> {
    if (buckets.length === 0) return 0;
    const wait = await guarded('rate budget', () =>
      this.redis.vigieTakeTokens(
        buckets.length,
        ...buckets.map((b) => this.keys.rateBucket(b.key)),
        now,
        mode,
        ...buckets.flatMap((b) => [b.perSecond, b.burst, b.reserve]),
      ),
    );
    return Number(wait);
  }

  async pause(key: string, untilMs: number): Promise<void> {
    await guarded('rate pause', () =>
      this.redis.vigiePauseBucket(1, this.keys.rateBucket(key), Date.now(), untilMs),
    );
  }
}

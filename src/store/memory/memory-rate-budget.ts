import type { BucketSpec, RateBudget } from '../store';

interface Bucket {
  tokens: number;
  at: number;
  pausedUntil: number;
}

/** How long until `bucket` has one token beyond its reserve (0: now). Same rule as the Redis script. */
export function waitFor(bucket: Bucket, spec: BucketSpec, now: number): number {
  if (bucket.pausedUntil > now) return bucket.pausedUntil - now;
  const needed = Math.min(spec.burst, spec.reserve + 1);
  if (bucket.tokens >= needed) return 0;
  return Math.ceil(((needed - bucket.tokens) / spec.perSecond) * 1000);
}

/** The rate budget of one process (the local sandbox); the Redis one is shared by replicas. */
export class MemoryRateBudget implements RateBudget {
  private readonly buckets = new Map<string, Bucket>();

  private bucket(spec: BucketSpec, now: number): Bucket {
    const bucket = this.buckets.get(spec.key) ?? { tokens: spec.burst, at: now, pausedUntil: 0 };
    bucket.tokens = Math.min(
      spec.burst,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * spec.perSecond,
    );
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(spec.key, bucket);
    return bucket;
  }

  take(specs: BucketSpec[], now: number): Promise<number> {
    const buckets = specs.map((spec) => this.bucket(spec, now));
    const wait = Math.max(0, ...buckets.map((bucket, i) => waitFor(bucket, specs[i] as BucketSpec, now)));
    if (wait === 0) for (const bucket of buckets) bucket.tokens -= 1;
    return Promise.resolve(wait);
  }

  peek(specs: BucketSpec[], now: number): Promise<number> {
    const buckets = specs.map((spec) => this.bucket(spec, now));
    return Promise.resolve(
      Math.max(0, ...buckets.map((bucket, i) => waitFor(bucket, specs[i] as BucketSpec, now))),
    );
  }

  pause(key: string, untilMs: number): Promise<void> {
    const bucket = this.buckets.get(key) ?? { tokens: 0, at: 0, pausedUntil: 0 };
    bucket.pausedUntil = Math.max(bucket.pausedUntil, untilMs);
    this.buckets.set(key, bucket);
    return Promise.resolve();
  }
}

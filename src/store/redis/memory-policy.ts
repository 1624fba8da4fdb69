import type { Redis } from 'ioredis';

/** What Redis does when it is full: its `maxmemory` (0: no limit) and `maxmemory-policy`. */
export interface MemoryPolicy {
  maxmemoryBytes: number;
  policy: string;
}

/**
 * Reads Redis's memory limit and eviction policy from `INFO memory` (allowed where managed Redis
 * services refuse `CONFIG GET`). Undefined when Redis does not say.
 */
export async function readMemoryPolicy(redis: Redis): Promise<MemoryPolicy | undefined> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  const limit = /^maxmemory:(\d+)/m.exec(info)?.[1];
  if (policy === undefined || limit === undefined) return undefined;
  return { maxmemoryBytes: Number(limit), policy };
}

/**
 * Why the policy puts Vigie's data at risk, for the operator, with the fix; undefined when it does
 * not. Full under `noeviction`, Redis refuses writes: deliveries get 503 and Alertmanager retries them,
 * nothing is lost. Any other policy makes room by deleting keys, silently.
 */
export function evictionRisk(memory: MemoryPolicy): string | undefined {
  if (memory.policy === 'noeviction' || memory.maxmemoryBytes === 0) return undefined;
  const fix =
    'Set maxmemory-policy noeviction: a full Redis then refuses writes, Alertmanager gets 503 and retries, and nothing is lost.';
  if (memory.policy.startsWith('allkeys-'))
    return `Redis's maxmemory-policy is ${memory.policy}: when Redis is full it deletes any key to make room, open incidents, their alerts and their escalation timers included, without a word. ${fix}`;
  return `Redis's maxmemory-policy is ${memory.policy}: when Redis is full it deletes keys that have a lifetime to make room: resolved incidents before their retention ends, storm digests, Slack rate budgets (Vigie could then exceed Slack's limits) and replay guards (a replayed Slack request could act twice). ${fix}`;
}

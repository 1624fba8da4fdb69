import { Redis } from 'ioredis';
import { StoreUnavailableError } from '../../incidents/ports';

/** How long connecting may take before Redis is called unreachable. */
export const CONNECT_TIMEOUT_MS = 2000;

/**
 * How long one command may take, by connection. A command on a live connection that takes long is
 * Redis being slow (a big script, a busy server), not Redis being down: it is given time. Redis down
 * is told at once instead — no connection means no offline queue, the command fails immediately, and
 * Alertmanager gets its 503 and retries.
 */
export const COMMAND_TIMEOUT_MS = { requests: 8_000, background: 15_000 } as const;

/**
 * A client that fails fast when Redis is down instead of queueing, and waits for it when it is slow:
 * with Redis down, a request gets its 503 at once; with Redis busy, it gets its answer.
 */
export function createRedisClient(url: string, use: keyof typeof COMMAND_TIMEOUT_MS = 'requests'): Redis {
  return new Redis(url, {
    connectionName: `vigie-${use}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS[use],
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
    // Background work: the commands of one turn of the event loop go out in one write (a worker's
    // batch of 100 reads is one syscall, not 100 of ~45 µs). The request path sends its few commands
    // one after another (a click's replay check, read and audit entry; a delivery's script), where
    // batching only adds ~50 µs of CPU per command: measured, clicks and storm p99 are better without.
    enableAutoPipelining: use === 'background',
  });
}

/** Redis's answer to a write when it is full under `maxmemory-policy noeviction` (reads still work). */
const FULL = /^OOM /;

/**
 * Runs a Redis call, turning any connection or timeout failure into StoreUnavailableError; a full
 * Redis is told as such, with the fix (its writes are refused whole: a script's first write fails
 * before it changed anything).
 */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message = (error as Error).message;
    const why = FULL.test(message)
      ? `Redis is full (maxmemory reached) during ${what}: raise its maxmemory or free memory; until then every write is refused, Alertmanager gets 503 and retries, responders are told to retry (${message})`
      : `Redis unavailable during ${what}: ${message}`;
    throw new StoreUnavailableError(why, { cause: error });
  }
}

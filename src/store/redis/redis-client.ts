import { Redis } from 'ioredis';
import { StoreUnavailableError } from '../../incidents/ports';

/** How long one command may take before the store is called unavailable (Alertmanager then gets a 503). */
export const COMMAND_TIMEOUT_MS = 2000;

/**
 * A client that fails fast instead of queueing: with Redis down, a request must get its 503 in
 * seconds so Alertmanager retries, not hang in an offline queue.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
  });
}

/** Runs a Redis call, turning any connection or timeout failure into StoreUnavailableError. */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StoreUnavailableError(`Redis unavailable during ${what}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

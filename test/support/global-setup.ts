import { startRedisServer } from './redis-server';
import type { RedisServer } from './redis-server';

declare global {
  var __VIGIE_REDIS__: RedisServer | undefined;
}

/** One real Redis for the whole run; each test file isolates itself with its own key prefix. */
export default async function globalSetup(): Promise<void> {
  const server = await startRedisServer();
  globalThis.__VIGIE_REDIS__ = server;
  process.env.VIGIE_TEST_REDIS_URL = server.url;
}

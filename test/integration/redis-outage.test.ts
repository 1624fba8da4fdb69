import { Redis } from 'ioredis';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import type { Harness } from '../support/harness';
import { fixture, startHarness } from '../support/harness';

describe('Redis stopped', () => {
  let redis: RedisServer;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await h.close();
    await redis.stop();
  });

  it('answers 503 promptly with Retry-After, reports not ready, and processes the retried delivery once Redis is back', async () => {
    await redis.stop();
    const started = Date.now();
    const down = await h.postAlerts(fixture('calendar-queue-firing'));
    const elapsed = Date.now() - started;
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    // "Promptly": no connection means no waiting for the command timeout.
    expect(elapsed).toBeLessThan(2000);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);

    redis = await startRedisServer(redis.port);
    const retried = await retryUntil(
      () => h.postAlerts(fixture('calendar-queue-firing')),
      (r) => r.status === 200,
      15_000,
    );
    expect(retried.json.incidents).toEqual([expect.objectContaining({ outcome: 'opened' })]);
    await h.emulator.waitFor(
      () => h.emulator.messagesIn('#integrations').length === 1,
      8000,
      'card after recovery',
    );
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});

describe('Redis slow (busy with a 3-second script), not down', () => {
  let redis: RedisServer;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await h.close();
    await redis.stop();
  });

  it('waits for Redis and stores the delivery: 200, never a false 503', async () => {
    const busy = new Redis(redis.url);
    try {
      // Another client keeps Redis busy for 3 s (below its 5 s busy-script threshold): slow, not down.
      const spin = busy.eval(
        "local t = redis.call('TIME'); local s = t[1] * 1000 + t[2] / 1000; " +
          "repeat local n = redis.call('TIME') until n[1] * 1000 + n[2] / 1000 - s > 3000; return 1",
        0,
      );
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      const stored = await h.postAlerts(fixture('calendar-queue-firing'));
      expect(stored.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThan(2000);
      expect(await spin).toBe(1);
    } finally {
      busy.disconnect();
    }
  });
});

/** Alertmanager's side: retry a delivery until it is accepted. */
async function retryUntil<T>(
  call: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await call();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

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
    // "Promptly": seconds, not a client-side retry loop (the command timeout is 2 s).
    expect(elapsed).toBeLessThan(8000);
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

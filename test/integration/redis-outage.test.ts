import { Redis } from 'ioredis';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import type { Harness } from '../support/harness';
import { fixture, startHarness } from '../support/harness';

/** A Redis of its own and a Vigie on it, for one describe block (a test may restart the Redis). */
function ownRedis(): { redis: RedisServer; h: Harness } {
  const own = {} as { redis: RedisServer; h: Harness };
  beforeAll(async () => {
    own.redis = await startRedisServer();
    own.h = await startHarness({ redisUrl: own.redis.url });
  });
  afterAll(async () => {
    await own.h.close();
    await own.redis.stop();
  });
  return own;
}

describe('Redis stopped', () => {
  const own = ownRedis();

  it('answers 503 promptly with Retry-After, reports not ready, and processes the retried delivery once Redis is back', async () => {
    const { h } = own;
    await own.redis.stop();
    const started = Date.now();
    const down = await h.postAlerts(fixture('calendar-queue-firing'));
    const elapsed = Date.now() - started;
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    // "Promptly": no connection means no waiting for the command timeout.
    expect(elapsed).toBeLessThan(2000);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);

    own.redis = await startRedisServer(own.redis.port);
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
  const own = ownRedis();

  it('waits for Redis and stores the delivery: 200, never a false 503', async () => {
    const { h } = own;
    const busy = new Redis(own.redis.url);
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

describe('Redis full (maxmemory reached, noeviction), not down', () => {
  const own = ownRedis();

  /** api.5xx failing on routes `from`…`from + routes - 1` of one service: one incident, `routes` alerts. */
  const failing = (service: string, routes: number, from = 0): string => {
    const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<{ fingerprint: string; labels: Record<string, string> }>;
    };
    const [first] = body.alerts;
    if (first === undefined) throw new Error('fixture without alerts');
    body.alerts = Array.from({ length: routes }, (_, k) => ({
      ...first,
      fingerprint: `${service}-${from + k}`,
      labels: { ...first.labels, service, path: `/api/v1/route/${from + k}` },
    }));
    return JSON.stringify(body);
  };
  const keyOf = (service: string) => `api.5xx|service=${service},env=prod`;

  it('answers 503 with Retry-After and a log that says Redis is full, stores nothing half, then everything on the retry', async () => {
    const { h } = own;
    const admin = new Redis(own.redis.url);
    try {
      // An incident open before Redis fills up: its next delivery goes through the save script.
      expect((await h.postAlerts(failing('full-open', 2))).status).toBe(200);
      const before = await h.store.incidents.findByKey(keyOf('full-open'));

      // Full: every write refused, as once a storm has filled Redis up to its maxmemory.
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'maxmemory', '1');
      const update = failing('full-open', 200, 2);
      const opening = failing('full-new', 2000);
      for (const body of [update, opening]) {
        const refused = await h.postAlerts(body);
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('5');
      }
      // Nothing half: the open incident is as it was (its save script's first write was refused), and
      // the new one does not exist (its id was never taken).
      const after = await h.store.incidents.findByKey(keyOf('full-open'));
      expect(after?.version).toBe(before?.version);
      expect(after?.alertTally.firing).toBe(2);
      expect(await h.store.incidents.listAlerts(after?.id ?? '', 500)).toHaveLength(2);
      expect(await h.store.incidents.findByKey(keyOf('full-new'))).toBeNull();
      const logs = h.logs().join('');
      expect(logs).toContain('Redis is full (maxmemory reached) during incident save: raise its maxmemory');
      expect(logs).toContain('Redis is full (maxmemory reached) during incident sequence');
      expect(logs).toContain('Alertmanager gets 503 and retries');
      // Reads still work: the replica stays ready, and Alertmanager keeps retrying it.
      expect((await fetch(`${h.url}/readyz`)).status).toBe(200);

      // Room again: Alertmanager's retries store everything.
      await admin.config('SET', 'maxmemory', '0');
      const updated = await h.postAlerts(update);
      expect(updated.status).toBe(200);
      expect(updated.json.incidents).toEqual([
        expect.objectContaining({ outcome: 'updated', recorded: 200 }),
      ]);
      expect((await h.store.incidents.findByKey(keyOf('full-open')))?.alertTally.firing).toBe(202);
      const opened = await h.postAlerts(opening);
      expect(opened.status).toBe(200);
      expect(opened.json.incidents).toEqual([expect.objectContaining({ outcome: 'opened', recorded: 2000 })]);
      expect((await h.store.incidents.findByKey(keyOf('full-new')))?.alertTally.firing).toBe(2000);
    } finally {
      admin.disconnect();
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

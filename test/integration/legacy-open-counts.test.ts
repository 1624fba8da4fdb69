import { Redis } from 'ioredis';
import { IncidentService } from '../../src/incidents/service';
import { RedisKeys } from '../../src/store/redis/keys';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';

describe('open incidents saved before the open-incident counts existed (an upgrade)', () => {
  it('are counted once at start, by whichever replica starts first', async () => {
    const prefix = uniquePrefix('legacy-counts');
    const keys = new RedisKeys(prefix);
    const redis = new Redis(testRedisUrl());
    const before = createRedisStore(testRedisUrl(), prefix);
    await before.connect();
    const service = new IncidentService({
      repository: before.incidents,
      clock: new FakeClock(),
      publish: () => undefined,
    });
    try {
      for (const name of ['a', 'b'])
        await service.receiveAlerts(group([alert(`fp-${name}`)], { key: `api.5xx|service=${name}` }));
      // As an older Vigie left them: no counts, no counted field on the incidents, no marker.
      await redis.del(keys.openCounts(), `${keys.openCounts()}:built`);
      await redis.hdel(keys.incident('INC-1'), 'gauge');
      await redis.hdel(keys.incident('INC-2'), 'gauge');
      await before.close();

      const [first, second] = [
        createRedisStore(testRedisUrl(), prefix),
        createRedisStore(testRedisUrl(), prefix),
      ];
      await Promise.all([first.connect(), second.connect()]);
      expect(await first.incidents.openCounts()).toEqual([
        { runbook: 'api.5xx', severity: 'SEV2', count: 2 },
      ]);
      // Counted once: a later start finds the marker and counts nothing.
      expect(await second.incidents.countLegacyOpen()).toBe(0);
      expect(await redis.hget(keys.incident('INC-1'), 'gauge')).toBe('api.5xx|SEV2');
      await Promise.all([first.close(), second.close()]);
    } finally {
      redis.disconnect();
    }
  });
});

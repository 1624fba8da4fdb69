import { Redis } from 'ioredis';
import { openIncident } from '../../src/incidents/transition';
import { IncidentService } from '../../src/incidents/service';
import { RedisKeys } from '../../src/store/redis/keys';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { STAGE_FROM } from '../../src/store/redis/staged-alerts';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';

const many = (count: number, status: 'firing' | 'resolved' = 'firing') =>
  Array.from({ length: count }, (_, n) => alert(`big-${String(n).padStart(5, '0')}`, { status }));

/** Keys left under an incident's staging area (there should be none once a save is over). */
async function stagedKeys(redis: Redis, prefix: string): Promise<string[]> {
  return redis.keys(`{${prefix}:v1}:incident:*:staged:*`);
}

/** RENAME calls Redis has counted (scripts' calls included). */
async function renames(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return Number(/cmdstat_rename:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

describe('a new incident with many alerts (written before its save, moved into place by it)', () => {
  const prefix = uniquePrefix('staged');
  const store = createRedisStore(testRedisUrl(), prefix);
  const redis = new Redis(testRedisUrl());
  const service = new IncidentService({
    repository: store.incidents,
    clock: new FakeClock(),
    publish: () => undefined,
  });
  beforeAll(() => store.connect());
  afterAll(async () => {
    await store.close();
    redis.disconnect();
  });

  it('stores every alert, in card order, and leaves nothing staged', async () => {
    const count = STAGE_FROM + 500;
    const renamesBefore = await renames(redis);
    const opened = await service.receiveAlerts(group(many(count)));
    expect(opened).toMatchObject({ outcome: 'opened', recorded: count });
    const id = opened.incidentId ?? '';
    const keys = new RedisKeys(prefix);
    expect(await redis.hlen(keys.alertStates(id))).toBe(count);
    expect(await redis.hlen(keys.alertRecords(id))).toBe(count);
    expect(await redis.zcard(keys.alertOrder(id))).toBe(count);
    // Open: the alert keys live as long as the incident (the staging TTL did not follow them).
    expect(await redis.pttl(keys.alertStates(id))).toBe(-1);
    expect((await store.incidents.listAlerts(id, 3)).map((a) => a.fingerprint)).toEqual([
      'big-00000',
      'big-00001',
      'big-00002',
    ]);
    expect(await stagedKeys(redis, prefix)).toEqual([]);
    // Witness that they went through staging: the save script moved three keys into place.
    expect((await renames(redis)) - renamesBefore).toBeGreaterThanOrEqual(3);

    // The same body again changes nothing; resolving one alert is one change on the same incident.
    expect(await service.receiveAlerts(group(many(count)))).toMatchObject({ outcome: 'unchanged' });
    const resolved = await service.receiveAlerts(group([alert('big-00000', { status: 'resolved' })]));
    expect(resolved).toMatchObject({ outcome: 'updated', incidentId: id, recorded: 1 });
    expect((await store.incidents.get(id))?.alertTally).toMatchObject({ firing: count - 1, resolved: 1 });
  });

  it('that loses the race for its key leaves no staged alerts behind', async () => {
    const delivery = group(many(STAGE_FROM), { key: 'api.5xx|race' });
    const first = openIncident(delivery, 'INC-901', Date.now());
    const second = openIncident(delivery, 'INC-902', Date.now());
    if (first === null || second === null) throw new Error('nothing firing');
    const save = (o: NonNullable<typeof first>) =>
      store.incidents.save(
        { ...o.incident, version: 1 },
        { version: 0, keyOwner: null },
        undefined,
        o.alerts,
      );
    const [a, b] = await Promise.all([save(first), save(second)]);
    expect([a, b].sort()).toEqual([false, true]);
    const loser = a ? 'INC-902' : 'INC-901';
    const keys = new RedisKeys(prefix);
    expect(await redis.exists(keys.alertStates(loser), keys.incident(loser))).toBe(0);
    expect(await stagedKeys(redis, prefix)).toEqual([]);
  });
});

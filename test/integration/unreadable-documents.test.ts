import { Redis } from 'ioredis';
import { IncidentService } from '../../src/incidents/service';
import { RedisKeys } from '../../src/store/redis/keys';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';

/** Stored documents someone edited by hand (or an older Vigie wrote wrong): reported and skipped, never a crash. */
describe('unreadable stored documents (Redis)', () => {
  const prefix = uniquePrefix('unreadable');
  const keys = new RedisKeys(prefix);
  const store = createRedisStore(testRedisUrl(), prefix);
  const redis = new Redis(testRedisUrl());
  const reported: string[] = [];
  const service = new IncidentService({
    repository: store.incidents,
    clock: new FakeClock(),
    publish: () => undefined,
  });
  beforeAll(async () => {
    await store.connect();
    store.reportUnreadableTo?.((what) => reported.push(what));
  });
  afterAll(async () => {
    await store.close();
    redis.disconnect();
  });
  beforeEach(() => {
    reported.length = 0;
  });

  it('an alert state with a raw newline is reported, taken as unknown and stored again; its neighbours keep theirs', async () => {
    const key = 'api.5xx|service=state';
    const opened = await service.receiveAlerts(group([alert('a'), alert('b'), alert('c')], { key }));
    const id = opened.incidentId ?? '';
    await redis.hset(keys.alertStates(id), 'b', '["firing",\n"broken"]');
    const again = await service.receiveAlerts(group([alert('a'), alert('b'), alert('c')], { key }));
    expect(reported).toEqual([`alert b of ${id}`]);
    // Only « b » was unknown: stored again (a, c were read in their places and are duplicates).
    expect(again).toMatchObject({ incidentId: id, recorded: 1 });
    expect(await redis.hget(keys.alertStates(id), 'b')).toMatch(
      /^\["firing","2026-11-27T00:43:22.800497449Z"/,
    );
  });

  it('an incident header that is not JSON is reported and skipped; its alerts open a new incident', async () => {
    const key = 'api.5xx|service=header';
    const first = await service.receiveAlerts(group([alert('h')], { key }));
    await redis.hset(keys.incident(first.incidentId ?? ''), 'doc', '{"layout":3,');
    expect(await store.incidents.get(first.incidentId ?? '')).toBeNull();
    const next = await service.receiveAlerts(group([alert('h')], { key }));
    expect(next.outcome).toBe('opened');
    expect(next.incidentId).not.toBe(first.incidentId);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((what) => what === `incident ${first.incidentId ?? ''}`)).toBe(true);
    expect((await store.incidents.listOpen()).map((i) => i.id)).not.toContain(first.incidentId);
  });
});

import { Writable } from 'node:stream';
import { incidentsExport } from '../../src/cli/incidents-export';
import { IncidentService } from '../../src/incidents/service';
import { RedisKeys } from '../../src/store/redis/keys';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';

const DAY = 86_400_000;

describe('retention: resolved incidents expire, and can be exported first', () => {
  it('a resolved incident, its key, audit log and card refs expire after INCIDENT_RETENTION_DAYS; a reopened one is kept', async () => {
    const prefix = uniquePrefix('retention');
    const store = createRedisStore(testRedisUrl(), prefix, { retentionDays: 30 });
    await store.connect();
    const keys = new RedisKeys(prefix);
    const clock = new FakeClock();
    const service = new IncidentService({ repository: store.incidents, clock, publish: () => undefined });
    try {
      await service.receiveAlerts(group([alert('a')]));
      await store.audit.append('INC-1', {
        at: clock.now(),
        actor: 'U1',
        action: 'ack',
        params: {},
        outcome: 'ok',
      });
      await store.cards.put('INC-1', { channel: '#sre-alerts', channelId: 'C1', ts: '1.1', threadedSeq: 1 });
      const ttls = () =>
        Promise.all(
          [
            keys.incident('INC-1'),
            keys.audit('INC-1'),
            keys.cards('INC-1'),
            keys.alertStates('INC-1'),
            keys.alertRecords('INC-1'),
            keys.alertOrder('INC-1'),
          ].map((k) => store.redis.pttl(k)),
        );
      expect(await ttls()).toEqual([-1, -1, -1, -1, -1, -1]);
      await service.execute('INC-1', { type: 'resolve', actor: 'U1' });
      for (const ttl of await ttls()) {
        expect(ttl).toBeGreaterThan(30 * DAY - 60_000);
        expect(ttl).toBeLessThanOrEqual(30 * DAY);
      }
      const out: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _e, done) {
          out.push(chunk.toString());
          done();
        },
      });
      const code = await incidentsExport('INC-1', sink, sink, {
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: prefix,
      });
      expect(code).toBe(0);
      const exported = JSON.parse(out.join('')) as {
        incident: { id: string; status: string };
        audit: unknown[];
        alerts: Array<{ fingerprint: string }>;
        expiresAt: string;
      };
      expect(exported.incident).toMatchObject({ id: 'INC-1', status: 'resolved' });
      expect(exported.audit).toHaveLength(1);
      expect(exported.alerts.map((a) => a.fingerprint)).toEqual(['a']);
      expect(Date.parse(exported.expiresAt)).toBeGreaterThan(Date.now() + 29 * DAY);
      clock.advance(60_000);
      await service.receiveAlerts(group([alert('a', { startsAt: '2026-11-27T01:00:00Z' })]));
      expect((await store.incidents.get('INC-1'))?.status).toBe('open');
      expect(await ttls()).toEqual([-1, -1, -1, -1, -1, -1]);
    } finally {
      await store.close();
    }
  });
});

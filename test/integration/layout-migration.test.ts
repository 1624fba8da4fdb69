import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { groupAlerts } from '../../src/alerts/grouping';
import { readWebhookPayload } from '../../src/alerts/payload';
import { escalationEffects } from '../../src/escalation/effects';
import { openIncident } from '../../src/incidents/transition';
import { loadRunbooks } from '../../src/runbooks/loader';
import { RunbookRegistry } from '../../src/runbooks/registry';
import { gaugeField } from '../../src/store/open-counts';
import { RedisKeys } from '../../src/store/redis/keys';
import { CARD_SYNC_QUEUE } from '../../src/store/store';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, startHarness } from '../support/harness';
import { testRedisUrl, uniquePrefix } from '../support/env';
import { until } from '../support/waiting';

/** The save script of layout 1, verbatim: incidents are written exactly as the previous version did. */
const LAYOUT_1_SAVE = readFileSync(path.join(__dirname, '../fixtures/layout-1/save-incident.lua'), 'utf8');

/**
 * Writes the README's fixture (two api.5xx routes firing) as Vigie did before the per-alert layout:
 * one document holding every alert, its card due, its opening escalation armed.
 */
async function openUnderLayout1(redis: Redis, prefix: string, id: string): Promise<void> {
  const registry = new RunbookRegistry(await loadRunbooks(path.join(__dirname, '../../runbooks')));
  const read = await readWebhookPayload(JSON.parse(fixture('api-5xx-firing-two-routes')));
  if (!read.ok) throw new Error('the fixture is not a v4 payload');
  const [group] = groupAlerts(read.payload, { registry, defaultChannel: '#sre-alerts' });
  if (group === undefined) throw new Error('the fixture has no alert');
  const now = Date.now();
  const opened = openIncident(group, id, now);
  if (opened === null) throw new Error('nothing firing in the fixture');
  const legacy: Record<string, unknown> = {
    ...opened.incident,
    version: 1,
    alerts: Object.fromEntries(opened.alerts.map((a) => [a.fingerprint, a])),
  };
  delete legacy.alertTally;
  const work = escalationEffects({ ...opened.incident, version: 1 }, [
    { type: 'incident_opened', incident: { ...opened.incident, version: 1 } },
  ]);
  const keys = new RedisKeys(prefix);
  const args = [
    id,
    0,
    1,
    JSON.stringify(legacy),
    '',
    'open',
    now,
    now,
    work.schedule.length,
    ...work.schedule.flatMap((w) => [w.member, w.dueAt]),
    0,
    400 * 86_400_000,
    gaugeField(opened.incident),
  ];
  const written = await redis.eval(
    LAYOUT_1_SAVE,
    8 + work.schedule.length,
    keys.incident(id),
    keys.incidentKey(opened.incident.key),
    keys.openIncidents(),
    keys.queueDue(CARD_SYNC_QUEUE),
    keys.incidentsByOpening(),
    ...work.schedule.map((w) => keys.queueDue(w.queue)),
    keys.audit(id),
    keys.cards(id),
    keys.openCounts(),
    ...args,
  );
  expect(written).toBe(1);
  await redis.set(keys.incidentSequence(), '1');
}

describe('an upgrade from layout 1 (every alert inside the incident document)', () => {
  let h: Harness;
  let redis: Redis;
  const prefix = uniquePrefix('layout');
  const keys = new RedisKeys(prefix);

  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    await openUnderLayout1(redis, prefix, 'INC-1');
    h = await startHarness({ redisPrefix: prefix });
  });
  afterAll(async () => {
    await h.close();
    redis.disconnect();
  });

  it('rewrites the incident at start: a small header, its alerts beside it', async () => {
    const doc = JSON.parse((await redis.hget(keys.incident('INC-1'), 'doc')) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(doc.layout).toBe(2);
    expect(doc.alerts).toBeUndefined();
    expect(doc.alertTally).toMatchObject({ firing: 2, resolved: 0 });
    expect(await redis.hlen(keys.alertStates('INC-1'))).toBe(2);
    expect(await redis.zcard(keys.alertOrder('INC-1'))).toBe(2);
  });

  it('posts the card of the incident opened before the upgrade, with both routes', async () => {
    const card = await cardIn(h, '#sre-alerts', 'INC-1');
    expect(blockText(card)).toContain('/api/v1/planning');
    expect(blockText(card)).toContain('2 en cours');
  });

  it('finishes it under the new layout: a route resolves, then the other, the same card says so', async () => {
    expect((await h.postAlerts(fixture('api-5xx-one-route-resolved'))).json).toMatchObject({
      incidents: [{ outcome: 'updated', incidentId: 'INC-1' }],
    });
    expect((await h.postAlerts(fixture('api-5xx-all-resolved'))).json).toMatchObject({
      incidents: [{ outcome: 'resolved', incidentId: 'INC-1' }],
    });
    const incident = await h.store.incidents.get('INC-1');
    expect(incident).toMatchObject({ status: 'resolved', alertTally: { firing: 0, resolved: 2 } });
    await until(
      async () => blockText(await cardIn(h, '#sre-alerts', 'INC-1')).includes('Résolu'),
      'the resolved card',
      10_000,
    );
    expect(h.emulator.messagesIn('#sre-alerts').filter((m) => m.threadTs === undefined)).toHaveLength(1);
    // A fresh firing of that key after the reopen window opens INC-2: the sequence went on from layout 1.
    expect(await h.store.incidents.nextIncidentNumber()).toBe(2);
  });
});

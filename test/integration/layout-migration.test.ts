import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { groupAlerts } from '../../src/alerts/grouping';
import { readWebhookPayload } from '../../src/alerts/payload';
import { escalationEffects } from '../../src/escalation/effects';
import { openIncident } from '../../src/incidents/transition';
import { loadRunbooks } from '../../src/runbooks/loader';
import { RunbookRegistry } from '../../src/runbooks/registry';
import { messages } from '../../src/i18n';
import { gaugeField } from '../../src/store/open-counts';
import { cardOrder } from '../../src/incidents/alert-merge';
import { impactRecord } from '../../src/incidents/error-budget';
import { alertStateValue } from '../../src/store/incident-document';
import { RedisKeys } from '../../src/store/redis/keys';
import { CARD_SYNC_QUEUE } from '../../src/store/store';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, startHarness } from '../support/harness';
import { testRedisUrl, uniquePrefix } from '../support/env';
import { until } from '../support/waiting';

/** The save scripts of layouts 1 and 2, verbatim: incidents are written exactly as those versions did. */
const LAYOUT_1_SAVE = readFileSync(path.join(__dirname, '../fixtures/layout-1/save-incident.lua'), 'utf8');
const LAYOUT_2_SAVE = readFileSync(path.join(__dirname, '../fixtures/layout-2/save-incident.lua'), 'utf8');

/** The README's fixture (two api.5xx routes firing) opened as an incident, with the seed runbooks. */
async function openedFixture(id: string, now: number) {
  const registry = new RunbookRegistry(await loadRunbooks(path.join(__dirname, '../../runbooks')));
  const read = await readWebhookPayload(JSON.parse(fixture('api-5xx-firing-two-routes')));
  if (!read.ok) throw new Error('the fixture is not a v4 payload');
  const [group] = groupAlerts(read.payload, {
    registry,
    defaultChannel: '#sre-alerts',
    words: messages('fr').policy,
  });
  if (group === undefined) throw new Error('the fixture has no alert');
  const opened = openIncident(group, id, now);
  if (opened === null) throw new Error('nothing firing in the fixture');
  return opened;
}

/**
 * Writes the README's fixture as Vigie did in layout 2 (alerts beside a header that holds its policy):
 * the previous version's save script with the arguments that version gave it.
 */
async function openUnderLayout2(redis: Redis, prefix: string, id: string): Promise<void> {
  const now = Date.now();
  const { incident: opened, alerts } = await openedFixture(id, now);
  const incident = { ...opened, version: 1 };
  const work = escalationEffects(incident, [{ type: 'incident_opened', incident }]);
  const keys = new RedisKeys(prefix);
  const impact = impactRecord(incident);
  const params = {
    id,
    expected: 0,
    version: 1,
    keyOwner: '',
    status: 'open',
    openedAt: now,
    updatedAt: now,
    retentionMs: 400 * 86_400_000,
    gauge: gaugeField(incident),
    schedule: work.schedule.map((w) => [w.member, w.dueAt]),
    cancel: [],
    fresh: true,
    impact: JSON.stringify(impact),
    impactEnd: '+inf',
  };
  const lines = alerts.flatMap((alert) => {
    const { member } = cardOrder(alert, incident.policy.itemLabel);
    return [alert.fingerprint, alertStateValue(alert, member), JSON.stringify(alert), member];
  });
  const written = await redis.eval(
    LAYOUT_2_SAVE,
    13 + work.schedule.length,
    keys.incident(id),
    keys.incidentKey(incident.key),
    keys.openIncidents(),
    keys.queueDue(CARD_SYNC_QUEUE),
    keys.incidentsByOpening(),
    keys.audit(id),
    keys.cards(id),
    keys.openCounts(),
    keys.alertStates(id),
    keys.alertRecords(id),
    keys.alertOrder(id),
    keys.impacts(),
    keys.impactsByEnd(),
    ...work.schedule.map((w) => keys.queueDue(w.queue)),
    JSON.stringify(params),
    JSON.stringify({ layout: 2, ...incident }),
    lines.join('\n'),
  );
  expect(written).toBe(1);
  await redis.set(keys.incidentSequence(), '1');
}

/**
 * Writes the README's fixture (two api.5xx routes firing) as Vigie did before the per-alert layout:
 * one document holding every alert, its card due, its opening escalation armed.
 */
async function openUnderLayout1(redis: Redis, prefix: string, id: string): Promise<void> {
  const now = Date.now();
  const opened = await openedFixture(id, now);
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
    expect(doc.layout).toBe(3);
    expect(doc.alerts).toBeUndefined();
    expect(doc.policy).toBeUndefined();
    expect(await redis.hexists(keys.policies(), String(doc.policyRef))).toBe(1);
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

describe('an upgrade from layout 2 (the policy inside the incident document)', () => {
  let h: Harness;
  let redis: Redis;
  const prefix = uniquePrefix('layout2');
  const keys = new RedisKeys(prefix);
  const stored = async () =>
    JSON.parse((await redis.hget(keys.incident('INC-1'), 'doc')) ?? '{}') as Record<string, unknown>;

  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    await openUnderLayout2(redis, prefix, 'INC-1');
    h = await startHarness({ redisPrefix: prefix });
  });
  afterAll(async () => {
    await h.close();
    redis.disconnect();
  });

  it('reads the incident as it is, posts its card, and finishes it under layout 3', async () => {
    expect((await stored()).layout).toBe(2);
    const card = await cardIn(h, '#sre-alerts', 'INC-1');
    expect(blockText(card)).toContain('/api/v1/planning');
    expect(blockText(card)).toContain('2 en cours');

    expect((await h.postAlerts(fixture('api-5xx-one-route-resolved'))).json).toMatchObject({
      incidents: [{ outcome: 'updated', incidentId: 'INC-1' }],
    });
    // Its next save wrote it in layout 3: the header names its policy, stored once beside.
    const header = await stored();
    expect(header).toMatchObject({ layout: 3, alertTally: { firing: 1, resolved: 1 } });
    expect(header.policy).toBeUndefined();
    const policy = JSON.parse((await redis.hget(keys.policies(), String(header.policyRef))) ?? '{}') as {
      runbookId?: string;
    };
    expect(policy.runbookId).toBe('api.5xx');

    expect((await h.postAlerts(fixture('api-5xx-all-resolved'))).json).toMatchObject({
      incidents: [{ outcome: 'resolved', incidentId: 'INC-1' }],
    });
    expect(await h.store.incidents.get('INC-1')).toMatchObject({
      status: 'resolved',
      policy: { runbookId: 'api.5xx' },
      alertTally: { firing: 0, resolved: 2 },
    });
    await until(
      async () => blockText(await cardIn(h, '#sre-alerts', 'INC-1')).includes('Résolu'),
      'the resolved card',
      10_000,
    );
    expect(h.emulator.messagesIn('#sre-alerts').filter((m) => m.threadTs === undefined)).toHaveLength(1);
  });
});

describe('a policy Redis lost (flushed, restored from an older copy)', () => {
  let h: Harness;
  let redis: Redis;
  const prefix = uniquePrefix('policy-lost');
  const keys = new RedisKeys(prefix);

  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    h = await startHarness({ redisPrefix: prefix });
  });
  afterAll(async () => {
    await h.close();
    redis.disconnect();
  });

  it('is sent again by the next save that needs it (the script refuses to name a missing policy)', async () => {
    expect((await h.postAlerts(fixture('api-5xx-firing-two-routes'))).json).toMatchObject({
      incidents: [{ outcome: 'opened', incidentId: 'INC-1' }],
    });
    await redis.del(keys.policies());
    // The process believes Redis has the policy; the save is refused (-3) and sent again with it.
    const saved = await h.store.incidents.save(
      { ...(await h.store.incidents.get('INC-1'))!, version: 2, truncatedAlerts: 1 },
      { version: 1 },
    );
    expect(saved).toBe(true);
    expect(await redis.hlen(keys.policies())).toBe(1);
    expect((await h.postAlerts(fixture('api-5xx-one-route-resolved'))).json).toMatchObject({
      incidents: [{ outcome: 'updated', incidentId: 'INC-1' }],
    });
  });
});

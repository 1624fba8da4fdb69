import { IncidentService } from '../../src/incidents/service';
import { openIncident } from '../../src/incidents/transition';
import type { Incident } from '../../src/incidents/types';
import { createMemoryStore } from '../../src/store/memory/memory-store';
import { createRedisStore } from '../../src/store/redis/redis-store';
import type { Store } from '../../src/store/store';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';

const implementations: Array<[string, () => Promise<Store>]> = [
  ['memory', () => Promise.resolve(createMemoryStore())],
  [
    'redis',
    async () => {
      const store = createRedisStore(testRedisUrl(), uniquePrefix('contract'));
      await store.connect();
      return store;
    },
  ],
];

const members = async (claimed: Promise<Array<{ member: string }>>) => (await claimed).map((c) => c.member);

describe.each(implementations)('Store contract: %s', (_name, create) => {
  let store: Store;
  const clock = new FakeClock();

  beforeEach(async () => {
    store = await create();
  });
  afterEach(() => store.close());

  function newIncident(id: string, key = 'k1'): Incident {
    const opened = openIncident(group([alert('a')], { key }), id, clock.now());
    if (opened === null) throw new Error('no incident');
    return { ...opened.incident, version: 1 };
  }

  it('hands out increasing incident numbers', async () => {
    const first = await store.incidents.nextIncidentNumber();
    expect(await store.incidents.nextIncidentNumber()).toBe(first + 1);
  });

  it('creates an incident only if its key is still free, and finds it by id and by key', async () => {
    expect(await store.incidents.save(newIncident('INC-1'), { version: 0, keyOwner: null })).toBe(true);
    expect(await store.incidents.save(newIncident('INC-2'), { version: 0, keyOwner: null })).toBe(false);
    expect((await store.incidents.get('INC-1'))?.id).toBe('INC-1');
    expect((await store.incidents.findByKey('k1'))?.id).toBe('INC-1');
    expect(await store.incidents.get('INC-2')).toBeNull();
    expect(await store.incidents.findByKey('nope')).toBeNull();
  });

  it('lets a new incident take over a key only from the owner it read', async () => {
    await store.incidents.save(newIncident('INC-1'), { version: 0, keyOwner: null });
    expect(await store.incidents.save(newIncident('INC-2'), { version: 0, keyOwner: 'INC-9' })).toBe(false);
    expect(await store.incidents.save(newIncident('INC-2'), { version: 0, keyOwner: 'INC-1' })).toBe(true);
    expect((await store.incidents.findByKey('k1'))?.id).toBe('INC-2');
  });

  it('rejects a save against a stale version (optimistic concurrency)', async () => {
    const incident = newIncident('INC-1');
    await store.incidents.save(incident, { version: 0, keyOwner: null });
    expect(await store.incidents.save({ ...incident, version: 2, truncatedAlerts: 1 }, { version: 1 })).toBe(
      true,
    );
    expect(await store.incidents.save({ ...incident, version: 2, truncatedAlerts: 7 }, { version: 1 })).toBe(
      false,
    );
    expect((await store.incidents.get('INC-1'))?.truncatedAlerts).toBe(1);
  });

  it('lists open incidents and drops resolved ones from the list', async () => {
    const a = newIncident('INC-1', 'k1');
    await store.incidents.save(a, { version: 0, keyOwner: null });
    await store.incidents.save(newIncident('INC-2', 'k2'), { version: 0, keyOwner: null });
    await store.incidents.save({ ...a, version: 2, status: 'resolved' }, { version: 1 });
    expect((await store.incidents.listOpen()).map((i) => i.id)).toEqual(['INC-2']);
  });

  it('lists incidents opened since a time, resolved ones included', async () => {
    const a = { ...newIncident('INC-1', 'k1'), openedAt: 1000 };
    const b = { ...newIncident('INC-2', 'k2'), openedAt: 5000, status: 'resolved' as const };
    await store.incidents.save(a, { version: 0, keyOwner: null });
    await store.incidents.save(b, { version: 0, keyOwner: null });
    expect((await store.incidents.listOpenedSince(2000)).map((i) => i.id)).toEqual(['INC-2']);
    expect((await store.incidents.listOpenedSince(0)).map((i) => i.id).sort()).toEqual(['INC-1', 'INC-2']);
  });

  it('marks every saved incident for a card sync, once however many saves', async () => {
    const incident = newIncident('INC-1');
    await store.incidents.save(incident, { version: 0, keyOwner: null });
    await store.incidents.save({ ...incident, version: 2 }, { version: 1 });
    expect(await members(store.cardSync.claim(clock.now(), 10_000, 10))).toEqual(['INC-1']);
    expect(await members(store.cardSync.claim(clock.now(), 10_000, 10))).toEqual([]);
  });

  it('never leases a member twice, re-offers it after its lease expires, and keeps re-scheduled work', async () => {
    const now = clock.now();
    await store.cardSync.schedule('m1', now);
    expect(await members(store.cardSync.claim(now, 1000, 10))).toEqual(['m1']);
    await store.cardSync.schedule('m1', now);
    expect(await members(store.cardSync.claim(now + 10, 1000, 10))).toEqual([]);
    await store.cardSync.complete('m1');
    expect(await members(store.cardSync.claim(now + 20, 1000, 10))).toEqual(['m1']);
    expect(await members(store.cardSync.claim(now + 1021, 1000, 10))).toEqual(['m1']);
    expect(await store.cardSync.counts()).toEqual({ due: 0, leased: 1 });
  });

  it('applies durable work atomically with the save: timers armed and cancelled in named queues', async () => {
    const timers = store.queue('timers-test');
    const incident = newIncident('INC-1');
    const work = {
      schedule: [
        { queue: 'timers-test', member: 'INC-1|a|1', dueAt: 500 },
        { queue: 'timers-test', member: 'INC-1|b|1', dueAt: 900 },
      ],
      cancel: [],
    };
    expect(await store.incidents.save(incident, { version: 0, keyOwner: null }, work)).toBe(true);
    expect(
      await store.incidents.save(
        { ...incident, version: 2 },
        { version: 1 },
        { schedule: [], cancel: [{ queue: 'timers-test', member: 'INC-1|b|1' }] },
      ),
    ).toBe(true);
    // A conflicting save writes none of its work.
    expect(
      await store.incidents.save(
        { ...incident, version: 2 },
        { version: 1 },
        { schedule: [{ queue: 'timers-test', member: 'INC-1|c|1', dueAt: 1 }], cancel: [] },
      ),
    ).toBe(false);
    expect(await timers.claim(1000, 1000, 10)).toEqual([{ member: 'INC-1|a|1', dueAt: 500 }]);
  });

  it('claims due work oldest first, and members due at the same moment in member order', async () => {
    // Escalation outbox members start with their incident, so one incident's items go to one claim.
    const q = store.queue('order-test');
    await q.scheduleMany([
      { member: 'INC-2|email', dueAt: 200 },
      { member: 'INC-1|page', dueAt: 200 },
      { member: 'INC-2|page', dueAt: 200 },
      { member: 'INC-1|email', dueAt: 200 },
      { member: 'INC-3|page', dueAt: 300 },
      { member: 'INC-9|page', dueAt: 100 },
    ]);
    expect(await members(q.claim(1000, 60_000, 3))).toEqual(['INC-9|page', 'INC-1|email', 'INC-1|page']);
    expect(await members(q.claim(1000, 60_000, 3))).toEqual(['INC-2|email', 'INC-2|page', 'INC-3|page']);
  });

  it('reports due work nobody claimed as overdue, oldest first', async () => {
    const q = store.queue('overdue-test');
    await q.schedule('late', 100);
    await q.schedule('later', 200);
    await q.schedule('future', 10_000);
    expect(await q.overdue(5000, 10)).toEqual([
      { member: 'late', dueAt: 100 },
      { member: 'later', dueAt: 200 },
    ]);
    await q.claim(5000, 60_000, 1);
    expect(await q.overdue(5000, 10)).toEqual([{ member: 'later', dueAt: 200 }]);
  });

  it('holds a card for its channel: ordinary changes wait for the hold, a status or severity change does not', async () => {
    const now = clock.now();
    const incident = { ...newIncident('INC-1'), updatedAt: now };
    await store.incidents.save(incident, { version: 0, keyOwner: null });
    expect(await members(store.cardSync.claim(now, 10_000, 10))).toEqual(['INC-1']);
    // Saved while its card was being brought up to date (ordinary: new alerts), then held for 1 s.
    await store.incidents.save({ ...incident, version: 2, updatedAt: now + 5 }, { version: 1 });
    await store.cardSync.hold('INC-1', now + 1000);
    expect(await members(store.cardSync.claim(now + 10, 10_000, 10))).toEqual([]);
    // Held and idle: another ordinary change waits too.
    await store.incidents.save({ ...incident, version: 3, updatedAt: now + 20 }, { version: 2 });
    expect(await members(store.cardSync.claim(now + 30, 10_000, 10))).toEqual([]);
    // What the card shows changes (acknowledged): due at once, hold or not.
    const acknowledged: Incident = { ...incident, version: 4, status: 'acknowledged', updatedAt: now + 40 };
    await store.incidents.save(acknowledged, { version: 3 });
    expect(await members(store.cardSync.claim(now + 40, 10_000, 10))).toEqual(['INC-1']);
    // An urgent change while the card is worked on survives the hold that work ends with.
    await store.incidents.save(
      { ...acknowledged, version: 5, severity: 'SEV1', updatedAt: now + 45 },
      { version: 4 },
    );
    await store.cardSync.hold('INC-1', now + 2000);
    expect(await members(store.cardSync.claim(now + 50, 10_000, 10))).toEqual(['INC-1']);
    // The hold ends: due then.
    await store.cardSync.hold('INC-1', now + 3000);
    expect(await members(store.cardSync.claim(now + 2999, 10_000, 10))).toEqual([]);
    expect(await members(store.cardSync.claim(now + 3000, 10_000, 10))).toEqual(['INC-1']);
  });

  it('marks cards by hand: ordinary marks wait for a hold, urgent ones do not', async () => {
    const now = clock.now();
    await store.cardSync.mark('digest:d1', now, false);
    expect(await members(store.cardSync.claim(now, 10_000, 10))).toEqual(['digest:d1']);
    await store.cardSync.hold('digest:d1', now + 1000);
    await store.cardSync.mark('digest:d1', now + 10, false);
    expect(await members(store.cardSync.claim(now + 10, 10_000, 10))).toEqual([]);
    await store.cardSync.mark('digest:d1', now + 20, true);
    expect(await members(store.cardSync.claim(now + 20, 10_000, 10))).toEqual(['digest:d1']);
  });

  it('retries a failed member later, not before', async () => {
    const now = clock.now();
    await store.cardSync.schedule('m1', now);
    await store.cardSync.claim(now, 1000, 10);
    await store.cardSync.retry('m1', now + 500);
    expect(await members(store.cardSync.claim(now + 100, 1000, 10))).toEqual([]);
    expect(await members(store.cardSync.claim(now + 500, 1000, 10))).toEqual(['m1']);
  });

  it('stores card references per channel', async () => {
    await store.cards.put('INC-1', { channel: '#sre-alerts', channelId: 'C1', ts: '1.0001', threadedSeq: 0 });
    await store.cards.put('INC-1', { channel: '#sre-alerts', channelId: 'C1', ts: '1.0002', threadedSeq: 3 });
    await store.cards.put('INC-1', {
      channel: '#integrations',
      channelId: 'C2',
      ts: '2.0001',
      threadedSeq: 0,
    });
    const refs = await store.cards.list('INC-1');
    expect(refs.sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
      { channel: '#integrations', channelId: 'C2', ts: '2.0001', threadedSeq: 0 },
      { channel: '#sre-alerts', channelId: 'C1', ts: '1.0002', threadedSeq: 3 },
    ]);
  });

  it('storm digests: one per scope while joins keep coming, a new one after a quiet period, latest first', async () => {
    const quiet = 10 * 60_000;
    const first = await store.digests.join('api.5xx|#sre-alerts', 'INC-1', 1_000, quiet);
    expect(await store.digests.join('api.5xx|#sre-alerts', 'INC-2', 2_000, quiet)).toBe(first);
    expect(await store.digests.join('api.5xx|#sre-alerts', 'INC-3', 3_000, quiet)).toBe(first);
    // A re-join keeps the first join time (the order does not move).
    expect(await store.digests.join('api.5xx|#sre-alerts', 'INC-1', 3_500, quiet)).toBe(first);
    const other = await store.digests.join('api.latency|#sre-alerts', 'INC-4', 3_000, quiet);
    expect(other).not.toBe(first);
    expect(await store.digests.members(first, 2)).toEqual({ ids: ['INC-3', 'INC-2'], total: 3 });
    await store.digests.leave(first, 'INC-2');
    expect(await store.digests.members(first, 10)).toEqual({ ids: ['INC-3', 'INC-1'], total: 2 });
    // Quiet since 3 500: the next storm gets a digest of its own.
    const later = await store.digests.join('api.5xx|#sre-alerts', 'INC-9', 3_500 + quiet + 1, quiet);
    expect(later).not.toBe(first);
    expect(await store.digests.members(later, 10)).toEqual({ ids: ['INC-9'], total: 1 });

    expect(await store.digests.ref(first)).toBeUndefined();
    await store.digests.putRef(first, { channel: '#sre-alerts', channelId: 'C1', ts: '', postingSince: 5 });
    await store.digests.putRef(first, { channel: '#sre-alerts', channelId: 'C1', ts: '9.1', hash: 'h' });
    expect(await store.digests.ref(first)).toEqual({
      channel: '#sre-alerts',
      channelId: 'C1',
      ts: '9.1',
      hash: 'h',
    });
  });

  it('keeps an append-only audit log per incident, in order', async () => {
    await store.audit.append('INC-1', {
      at: 1,
      actor: 'U1',
      action: 'mitigation.rollback',
      params: { run: 1, dryRun: false },
      outcome: 'succeeded',
    });
    await store.audit.append('INC-1', {
      at: 2,
      actor: 'U2',
      action: 'mitigation.rollback',
      params: {},
      outcome: 'denied',
    });
    await store.audit.append('INC-2', {
      at: 3,
      actor: 'U3',
      action: 'acknowledge',
      params: {},
      outcome: 'ok',
    });
    expect(await store.audit.list('INC-1')).toEqual([
      {
        at: 1,
        actor: 'U1',
        action: 'mitigation.rollback',
        params: { run: 1, dryRun: false },
        outcome: 'succeeded',
      },
      { at: 2, actor: 'U2', action: 'mitigation.rollback', params: {}, outcome: 'denied' },
    ]);
    expect(await store.audit.list('INC-404')).toEqual([]);
  });

  it('answers "first time" once per key until it expires', async () => {
    expect(await store.once.firstTime('event:Ev1', 60_000)).toBe(true);
    expect(await store.once.firstTime('event:Ev1', 60_000)).toBe(false);
    expect(await store.once.firstTime('event:Ev2', 60_000)).toBe(true);
    expect(await store.once.firstTime('short', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.once.firstTime('short', 1)).toBe(true);
  });

  it('keeps open-incident counts by runbook and severity on every save, without a scan', async () => {
    const a = newIncident('INC-1', 'k1');
    const b = newIncident('INC-2', 'k2');
    expect(await store.incidents.save(a, { version: 0, keyOwner: null })).toBe(true);
    expect(await store.incidents.save(b, { version: 0, keyOwner: null })).toBe(true);
    const counts = async () =>
      (await store.incidents.openCounts()).map((c) => `${c.runbook}|${c.severity}=${c.count}`).sort();
    expect(await counts()).toEqual(['api.5xx|SEV2=2']);
    const raised = { ...a, version: 2, severity: 'SEV1' as const };
    expect(await store.incidents.save(raised, { version: 1 })).toBe(true);
    expect(await counts()).toEqual(['api.5xx|SEV1=1', 'api.5xx|SEV2=1']);
    expect(await store.incidents.save({ ...b, version: 2, status: 'resolved' }, { version: 1 })).toBe(true);
    expect(await counts()).toEqual(['api.5xx|SEV1=1']);
    // Saved again unchanged: counted once.
    expect(await store.incidents.save({ ...raised, version: 3 }, { version: 2 })).toBe(true);
    expect(await counts()).toEqual(['api.5xx|SEV1=1']);
  });

  it('rate budget: a burst, then the rate; a reserve keeps headroom; nothing is taken when one bucket says wait', async () => {
    const t = 1_000_000;
    const bucket = { key: 'chat.update', perSecond: 2, burst: 3, reserve: 0 };
    expect(await store.rateBudget.take([bucket], t)).toBe(0);
    // A low priority keeps 2 tokens for others: only 2 left, so it waits for a third.
    expect(await store.rateBudget.take([{ ...bucket, reserve: 2 }], t)).toBe(500);
    expect(await store.rateBudget.take([bucket], t)).toBe(0);
    expect(await store.rateBudget.take([bucket], t)).toBe(0);
    expect(await store.rateBudget.take([bucket], t)).toBe(500);
    expect(await store.rateBudget.take([bucket], t + 500)).toBe(0);
    // Two buckets: the empty one says wait, and the other keeps its token.
    const channel = { key: 'chat.postMessage:sre', perSecond: 1, burst: 1, reserve: 0 };
    expect(await store.rateBudget.take([channel, bucket], t + 500)).toBe(500);
    expect(await store.rateBudget.take([channel], t + 500)).toBe(0);
  });

  it('rate budget: a pause (a 429) holds the bucket until its end, for everyone', async () => {
    const t = 2_000_000;
    const bucket = { key: 'files', perSecond: 10, burst: 10, reserve: 0 };
    await store.rateBudget.pause('files', t + 3000);
    expect(await store.rateBudget.take([bucket], t)).toBe(3000);
    expect(await store.rateBudget.take([bucket], t + 3000)).toBe(0);
  });

  it('through the service, concurrent identical deliveries open exactly one incident', async () => {
    const service = new IncidentService({ repository: store.incidents, clock, publish: () => undefined });
    const delivery = group([alert('a'), alert('b')]);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => service.receiveAlerts(structuredClone(delivery))),
    );
    expect(results.filter((r) => r.outcome === 'opened')).toHaveLength(1);
    expect(new Set(results.map((r) => r.incidentId)).size).toBe(1);
    expect(await store.incidents.listOpen()).toHaveLength(1);
  });

  it('through the service, concurrent different alerts of one key all land on one incident', async () => {
    const service = new IncidentService({ repository: store.incidents, clock, publish: () => undefined });
    await Promise.all(Array.from({ length: 12 }, (_, i) => service.receiveAlerts(group([alert(`r${i}`)]))));
    const open = await store.incidents.listOpen();
    expect(open).toHaveLength(1);
    expect(open[0]?.alertTally).toMatchObject({ firing: 12, resolved: 0 });
    expect(await store.incidents.listAlerts(open[0]?.id ?? '', 100)).toHaveLength(12);
  });

  it('keeps each alert beside its incident: states by fingerprint, records in card order, only changed ones written', async () => {
    const incident = newIncident('INC-1');
    const records = [
      alert('f1', { path: '/b', receivedAt: 1 }),
      alert('f2', { path: '/a', status: 'resolved', endsAt: '2026-11-27T00:50:00Z', receivedAt: 1 }),
      alert('f3', { path: '/c', receivedAt: 1 }),
      alert('__proto__', { path: '/a', receivedAt: 1 }),
    ];
    expect(await store.incidents.save(incident, { version: 0, keyOwner: null }, undefined, records)).toBe(
      true,
    );
    // Firing first, then by item, then fingerprint; resolved last.
    const order = (await store.incidents.listAlerts('INC-1', 10)).map((a) => a.fingerprint);
    expect(order).toEqual(['__proto__', 'f1', 'f3', 'f2']);
    expect((await store.incidents.listAlerts('INC-1', 2)).map((a) => a.fingerprint)).toEqual([
      '__proto__',
      'f1',
    ]);
    const states = await store.incidents.alertStates('INC-1', ['f2', 'nope', '__proto__']);
    expect([...states.keys()].sort()).toEqual(['__proto__', 'f2']);
    expect(states.get('f2')).toEqual({
      status: 'resolved',
      startsAt: '2026-11-27T00:43:22.800497449Z',
      endsAt: '2026-11-27T00:50:00Z',
      receivedAt: 1,
    });

    // f1 resolves and f3 changes item (same fingerprint, other labels): each moves in the order, nothing else changes.
    const next = { ...incident, version: 2 };
    const changed = [
      alert('f1', { path: '/b', status: 'resolved', receivedAt: 2 }),
      alert('f3', { path: '/0', receivedAt: 2 }),
    ];
    expect(await store.incidents.save(next, { version: 1 }, undefined, changed)).toBe(true);
    const after = await store.incidents.listAlerts('INC-1', 10);
    expect(after.map((a) => a.fingerprint)).toEqual(['f3', '__proto__', 'f2', 'f1']);
    expect(after.find((a) => a.fingerprint === 'f2')?.receivedAt).toBe(1);
    expect(after.find((a) => a.fingerprint === 'f3')?.labels.path).toBe('/0');
  });

  it("reads the incident owning a key with the states of a delivery's alerts in one go", async () => {
    expect(await store.incidents.findByKeyWithStates('k9', ['a'])).toBeNull();
    const records = [alert('a', { receivedAt: 5 }), alert('b', { status: 'resolved', receivedAt: 5 })];
    await store.incidents.save(
      newIncident('INC-9', 'k9'),
      { version: 0, keyOwner: null },
      undefined,
      records,
    );
    const found = await store.incidents.findByKeyWithStates('k9', ['b', 'zz', 'b']);
    expect(found?.incident.id).toBe('INC-9');
    expect([...(found?.known.entries() ?? [])]).toEqual([
      [
        'b',
        { status: 'resolved', startsAt: '2026-11-27T00:43:22.800497449Z', endsAt: undefined, receivedAt: 5 },
      ],
    ]);
  });

  it('reads and writes alerts whose fingerprints hold newlines and backslashes as any other', async () => {
    const odd = ['line\nbreak', 'back\\slash', '\\n', 'end\n'];
    await store.incidents.save(
      newIncident('INC-8', 'k8'),
      { version: 0, keyOwner: null },
      undefined,
      odd.map((fingerprint) => alert(fingerprint, { receivedAt: 7 })),
    );
    const found = await store.incidents.findByKeyWithStates('k8', [...odd, 'unknown']);
    expect([...(found?.known.keys() ?? [])].sort()).toEqual([...odd].sort());
    expect((await store.incidents.listAlerts('INC-8', 10)).map((a) => a.fingerprint).sort()).toEqual(
      [...odd].sort(),
    );
  });

  it("keeps each incident's impact record for the error budget, found by when its impact ended", async () => {
    const service = new IncidentService({ repository: store.incidents, clock, publish: () => undefined });
    await service.receiveAlerts(group([alert('a')], { key: 'k-impact' }));
    const [ongoing] = await store.incidents.impactsSince(clock.now() + 3_600_000);
    expect(ongoing).toMatchObject({ runbookId: 'api.5xx', windows: [] });
    expect(ongoing?.ongoingSince).toBe(Date.parse('2026-11-27T00:43:22.800Z'));
    clock.advance(60_000);
    await service.receiveAlerts(
      group([alert('a', { status: 'resolved', endsAt: '2026-11-27T00:44:00Z' })], { key: 'k-impact' }),
    );
    const end = Date.parse('2026-11-27T00:44:00Z');
    expect(await store.incidents.impactsSince(end + 1)).toEqual([]);
    expect(await store.incidents.impactsSince(end)).toEqual([
      {
        incidentId: ongoing?.incidentId,
        // The version it was saved with: the error budget knows which change a count has seen.
        version: 2,
        runbookId: 'api.5xx',
        windows: [{ start: Date.parse('2026-11-27T00:43:22.800Z'), end }],
        ongoingSince: undefined,
      },
    ]);
  });
});

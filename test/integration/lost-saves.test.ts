import type { IncidentRepository } from '../../src/incidents/ports';
import type { LostSaveWriter } from '../../src/incidents/service';
import { IncidentService } from '../../src/incidents/service';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';
import { delegating } from '../support/repository';

/**
 * Two replicas on one Redis: each its own connections and its own turns, so only the version check
 * stands between their writers. Replica A's next save is held until replica B has changed the
 * incident: A's save loses, is counted for the operator, and lands on a fresh read.
 */
describe('two replicas writing one incident: a save that lost its race is counted and tried again', () => {
  const prefix = uniquePrefix('lost');
  const replicaA = createRedisStore(testRedisUrl(), prefix);
  const replicaB = createRedisStore(testRedisUrl(), prefix);
  beforeAll(() => Promise.all([replicaA.connect(), replicaB.connect()]));
  afterAll(() => Promise.all([replicaA.close(), replicaB.close()]));

  const clock = new FakeClock();
  const lost: LostSaveWriter[] = [];
  /** What B does while A's save is held; set by each test. */
  let meanwhile: (() => Promise<unknown>) | undefined;
  let refusedA = 0;
  const repositoryA: IncidentRepository = delegating(replicaA.incidents, {
    save: async (...args) => {
      const other = meanwhile;
      meanwhile = undefined;
      if (other !== undefined) await other();
      const saved = await replicaA.incidents.save(...args);
      if (!saved) refusedA += 1;
      return saved;
    },
  });
  const serviceA = new IncidentService({
    repository: repositoryA,
    clock,
    publish: () => undefined,
    onLostSave: (writer) => lost.push(writer),
  });
  const serviceB = new IncidentService({ repository: replicaB.incidents, clock, publish: () => undefined });

  beforeEach(() => {
    lost.length = 0;
    refusedA = 0;
  });

  it("a delivery that lost to the other replica's delivery is counted once and both alerts land", async () => {
    const key = 'lost|service=alerts';
    await serviceB.receiveAlerts(group([alert('first')], { key }));
    meanwhile = () => serviceB.receiveAlerts(group([alert('from-b')], { key }));

    const result = await serviceA.receiveAlerts(group([alert('from-a')], { key }));

    expect(result).toMatchObject({ outcome: 'updated', recorded: 1 });
    expect(refusedA).toBe(1);
    expect(lost).toEqual(['alerts']);
    const stored = await replicaB.incidents.findByKey(key);
    expect(stored?.alertTally.firing).toBe(3);
    expect(stored?.version).toBe(3);
  });

  it("a command that lost to the other replica's delivery is counted once and lands", async () => {
    const key = 'lost|service=command';
    await serviceB.receiveAlerts(group([alert('first')], { key }));
    const incident = await replicaA.incidents.findByKey(key);
    if (incident === null) throw new Error('the incident did not open');
    meanwhile = () => serviceB.receiveAlerts(group([alert('from-b')], { key }));

    const result = await serviceA.execute(incident.id, { type: 'acknowledge', actor: 'U_ONCALL' });

    expect(result.outcome).toBe('changed');
    expect(refusedA).toBe(1);
    expect(lost).toEqual(['command']);
    const stored = await replicaB.incidents.get(incident.id);
    expect(stored?.acknowledgedBy).toBe('U_ONCALL');
    expect(stored?.alertTally.firing).toBe(2);
  });

  it('a save that wins is not counted', async () => {
    const key = 'lost|service=alone';
    await serviceA.receiveAlerts(group([alert('first')], { key }));
    await serviceA.receiveAlerts(group([alert('second')], { key }));

    expect(refusedA).toBe(0);
    expect(lost).toEqual([]);
    expect((await replicaB.incidents.findByKey(key))?.alertTally.firing).toBe(2);
  });
});

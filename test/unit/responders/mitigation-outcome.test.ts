import { IncidentService } from '../../../src/incidents/service';
import { StoreUnavailableError } from '../../../src/incidents/ports';
import type { IncidentRepository } from '../../../src/incidents/ports';
import { OpsClient } from '../../../src/integrations/ops/ops-client';
import { createLogger } from '../../../src/observability/logger';
import { MitigationRunner } from '../../../src/responders/mitigation-runner';
import { Permissions } from '../../../src/responders/permissions';
import type { Mitigation } from '../../../src/runbooks/schema';
import { createMemoryStore } from '../../../src/store/memory/memory-store';
import { alert, FakeClock, group } from '../../support/builders';
import { delegating } from '../../support/repository';

/** The memory store, whose saves fail `failures` times once armed (a Redis blip). */
function blippingRepository(inner: IncidentRepository): IncidentRepository & { blip(n: number): void } {
  let failures = 0;
  const repository = delegating(inner, {
    save: (...args) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new StoreUnavailableError('redis blip'));
      }
      return inner.save(...args);
    },
  });
  return {
    ...repository,
    blip: (n) => {
      failures = n;
    },
  };
}

describe('a mitigation outcome survives a store blip', () => {
  it('the ops API is called once and its answer still reaches the incident', async () => {
    const store = createMemoryStore();
    const repository = blippingRepository(store.incidents);
    const clock = new FakeClock();
    const service = new IncidentService({ repository, clock, publish: () => undefined });
    await service.receiveAlerts(group([alert('a')]));
    const calls: string[] = [];
    const ops = new OpsClient({ baseUrl: 'http://ops.invalid', token: 't', dryRun: false });
    ops.execute = (request) => {
      calls.push(request.idempotencyKey);
      // The ops API answers; the store then fails twice when the outcome is recorded.
      repository.blip(2);
      return Promise.resolve({
        status: 'succeeded',
        httpStatus: 202,
        durationMs: 12,
        message: 'rolled back',
      });
    };
    const runner = new MitigationRunner({
      service,
      ops,
      permissions: new Permissions(
        { roles: { sre: { name: 'SRE', slack: { users: ['U1'] } } } },
        { usergroupMembers: () => Promise.resolve([]) },
        clock,
      ),
      audit: store.audit,
      clock,
      logger: createLogger('silent'),
    });
    const mitigation = {
      id: 'rollback',
      label: 'Rollback',
      description: 'Rollback',
      allowed: ['sre'],
      action: { type: 'http', method: 'POST', path: '/ops/v1/rollback', body: undefined, timeout: 1000 },
    } as unknown as Mitigation;
    const incident = await store.incidents.get('INC-1');
    if (incident === null) throw new Error('no incident');
    const started = await runner.start(incident, mitigation, 'U1', { labels: {} });
    expect(started.ok).toBe(true);
    for (let i = 0; i < 100; i += 1) {
      if ((await store.incidents.get('INC-1'))?.mitigations.rollback?.[0]?.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await store.incidents.get('INC-1'))?.mitigations.rollback?.[0]).toMatchObject({
      status: 'succeeded',
      httpStatus: 202,
    });
    expect(calls).toEqual(['vigie:INC-1:rollback:1']);
  });
});

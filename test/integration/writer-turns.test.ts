import type { IncidentRepository } from '../../src/incidents/ports';
import type { Incident } from '../../src/incidents/types';
import { KeyedLock } from '../../src/incidents/keyed-lock';
import { IncidentService } from '../../src/incidents/service';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { alert, FakeClock, group } from '../support/builders';
import { testRedisUrl, uniquePrefix } from '../support/env';
import { delegating } from '../support/repository';

/** The repository, counting the saves that lost their race (version or key taken meanwhile). */
function counting(inner: IncidentRepository): { repository: IncidentRepository; lost: () => number } {
  let lost = 0;
  const repository = delegating(inner, {
    save: async (...args) => {
      const saved = await inner.save(...args);
      if (!saved) lost += 1;
      return saved;
    },
  });
  return { repository, lost: () => lost };
}

/** As in the app: the request path's service and background work's, sharing the incidents' turns. */
function writers(
  requests: IncidentRepository,
  background: IncidentRepository,
  turns: KeyedLock,
): { ingest: IncidentService; worker: IncidentService } {
  const clock = new FakeClock();
  const service = (repository: IncidentRepository) =>
    new IncidentService({ repository, clock, publish: () => undefined, turns });
  return { ingest: service(requests), worker: service(background) };
}

describe("an incident's writers in one process take turns (deliveries, timers, records, clicks)", () => {
  const store = createRedisStore(testRedisUrl(), uniquePrefix('turns'));
  beforeAll(() => store.connect());
  afterAll(() => store.close());

  /** Opens the incident of `key` with one alert, through the deliveries' service. */
  async function opened(ingest: IncidentService, key: string): Promise<Incident> {
    await ingest.receiveAlerts(group([alert('first')], { key }));
    const incident = await store.incidents.findByKey(key);
    if (incident === null) throw new Error('the incident did not open');
    return incident;
  }

  it('a command on an incident that deliveries keep changing lands at its first or second attempt', async () => {
    // As in the app: the request path and background work, each on its own connection, one turn per incident.
    const requests = counting(store.incidents);
    const background = counting(store.background?.().incidents ?? store.incidents);
    const { ingest, worker } = writers(requests.repository, background.repository, new KeyedLock());
    const key = 'turns|service=api';
    const incident = await opened(ingest, key);

    // A storm: 100 deliveries back to back, each with a new alert; a page's record comes in meanwhile.
    let delivered = 0;
    const storm = (async () => {
      for (let n = 0; n < 100; n += 1) {
        await ingest.receiveAlerts(group([alert(`storm-${n}`)], { key }));
        delivered += 1;
      }
    })();
    while (delivered < 5) await new Promise((resolve) => setImmediate(resolve));
    const acknowledged = await worker.execute(incident.id, { type: 'acknowledge', actor: 'U_ONCALL' });
    await storm;

    expect(acknowledged.outcome).toBe('changed');
    // One race lost at most (the command's first try, or a delivery's save to it), then turns.
    expect(background.lost() + requests.lost()).toBeLessThanOrEqual(1);
    const stored = await store.incidents.get(incident.id);
    expect(stored?.acknowledgedBy).toBe('U_ONCALL');
    expect(stored?.alertTally.firing).toBe(101);
  });

  it('a command that comes while a delivery batch is between its read and its save waits its turn: neither loses', async () => {
    // Notes when a command asks for the incident's turn (the delivery batch already holds it).
    let commandQueued: () => void = () => undefined;
    const queued = new Promise<void>((resolve) => {
      commandQueued = resolve;
    });
    const turns = new (class extends KeyedLock {
      override run<T>(key: string, task: () => Promise<T>): Promise<T> {
        if (this.busy(key)) commandQueued();
        return super.run(key, task);
      }
    })();
    // The delivery's save is held until the command has either saved (outside the turn: the delivery
    // then loses) or queued for the turn; both are positive witnesses, nothing waits on a timer.
    let holding = false;
    let saveReached: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      saveReached = resolve;
    });
    let commandSaved: () => void = () => undefined;
    const saved = new Promise<void>((resolve) => {
      commandSaved = resolve;
    });
    let deliveriesLost = 0;
    const requests = delegating(store.incidents, {
      save: async (...args) => {
        if (holding) {
          holding = false;
          saveReached();
          await Promise.race([queued, saved]);
        }
        const ok = await store.incidents.save(...args);
        if (!ok) deliveriesLost += 1;
        return ok;
      },
    });
    const background = counting(store.background?.().incidents ?? store.incidents);
    const commandRepository = delegating(background.repository, {
      save: async (...args) => {
        const ok = await background.repository.save(...args);
        commandSaved();
        return ok;
      },
    });
    const { ingest, worker } = writers(requests, commandRepository, turns);
    const key = 'turns|service=held';
    const incident = await opened(ingest, key);

    holding = true;
    const delivery = ingest.receiveAlerts(group([alert('second')], { key }));
    await reached;
    const acknowledged = await worker.execute(incident.id, { type: 'acknowledge', actor: 'U_ONCALL' });

    expect(await delivery).toMatchObject({ outcome: 'updated', recorded: 1 });
    expect(acknowledged.outcome).toBe('changed');
    expect(deliveriesLost).toBe(0);
    expect(background.lost()).toBe(0);
    const stored = await store.incidents.get(incident.id);
    expect(stored?.acknowledgedBy).toBe('U_ONCALL');
    expect(stored?.alertTally.firing).toBe(2);
  });
});

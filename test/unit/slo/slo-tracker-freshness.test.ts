import path from 'node:path';
import type { IncidentRepository } from '../../../src/incidents/ports';
import { IncidentService } from '../../../src/incidents/service';
import { createLogger } from '../../../src/observability/logger';
import { Metrics } from '../../../src/observability/metrics';
import { loadRunbooks } from '../../../src/runbooks/loader';
import type { AvailabilityStatus } from '../../../src/slo/slo-tracker';
import { SloTracker } from '../../../src/slo/slo-tracker';
import { createMemoryStore } from '../../../src/store/memory/memory-store';
import { alert, FakeClock, group } from '../../support/builders';
import { delegating } from '../../support/repository';

const MIN = 60_000;
const STARTED = Date.parse('2026-11-27T00:43:22.800Z');

/** The memory store, counting the error budget's reads, whose next save can be held before it lands. */
function observedRepository(inner: IncidentRepository) {
  let gate: Promise<void> | undefined;
  let reached: (() => void) | undefined;
  const observed = {
    budgetReads: 0,
    /**
     * Runs once, right after the next count has taken in its read: queued behind the count's own
     * continuation on that read, so it runs while the count is still working out its figures.
     */
    afterNextBudgetRead: undefined as (() => void) | undefined,
    /** The next save waits for `release`; the promise resolves once a save is waiting. */
    holdNextSave(): { waiting: Promise<void>; release: () => void } {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const waiting = new Promise<void>((resolve) => {
        reached = resolve;
      });
      return { waiting, release };
    },
    repository: delegating(inner, {
      impactsSince: (since) => {
        observed.budgetReads += 1;
        const read = inner.impactsSince(since);
        const hook = observed.afterNextBudgetRead;
        observed.afterNextBudgetRead = undefined;
        if (hook !== undefined) queueMicrotask(() => void read.then(hook));
        return read;
      },
      save: async (incident, expected, work, alerts) => {
        const held = gate;
        gate = undefined;
        if (held !== undefined) {
          reached?.();
          await held;
        }
        return inner.save(incident, expected, work, alerts);
      },
    }),
  };
  return observed;
}

describe('the error budget a card shows counts the change the card shows', () => {
  async function setUp() {
    const store = createMemoryStore();
    const observed = observedRepository(store.incidents);
    const clock = new FakeClock(STARTED + 10 * MIN);
    const service = new IncidentService({ repository: observed.repository, clock, publish: () => undefined });
    const runbooks = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
    const tracker = new SloTracker({
      incidents: observed.repository,
      service,
      slo: runbooks.slo,
      clock,
      metrics: new Metrics(),
      logger: createLogger('silent'),
    });
    await service.receiveAlerts(group([alert('a')]));
    return { store, observed, clock, service, tracker };
  }

  it('a count that started after a change was stamped but read before it landed is not taken for it', async () => {
    const { store, observed, clock, service, tracker } = await setUp();
    expect((await tracker.refresh())?.consumedMs).toBe(10 * MIN);
    // The alert resolves (2 minutes of outage in all); its save is held before it lands…
    const { waiting, release } = observed.holdNextSave();
    const resolving = service.receiveAlerts(
      group([alert('a', { status: 'resolved', endsAt: '2026-11-27T00:45:22.800Z' })]),
    );
    await waiting;
    // …while a count starts after the change was stamped and reads the month without it.
    clock.advance(5);
    expect((await tracker.refresh())?.consumedMs).toBe(10 * MIN + 5);
    release();
    expect((await resolving).outcome).toBe('resolved');
    const resolved = await store.incidents.get('INC-1');
    if (resolved === null) throw new Error('INC-1 not stored');
    const reads = observed.budgetReads;
    expect((await tracker.currentAfter(resolved))?.consumedMs).toBe(2 * MIN);
    expect(observed.budgetReads).toBe(reads + 1);
  });

  it('the figures of a count that read the incident at its version are shown without counting again', async () => {
    const { store, observed, tracker } = await setUp();
    const opened = await store.incidents.get('INC-1');
    if (opened === null) throw new Error('INC-1 not stored');
    // No count yet: the first card's figures are counted for it…
    expect((await tracker.currentAfter(opened))?.consumedMs).toBe(10 * MIN);
    expect(observed.budgetReads).toBe(1);
    // …and the next renders of that version use them.
    expect((await tracker.currentAfter(opened))?.consumedMs).toBe(10 * MIN);
    expect((await tracker.currentAfter(opened))?.consumedMs).toBe(10 * MIN);
    expect(observed.budgetReads).toBe(1);
  });

  it('a surface asking while a count works out its figures gets them, not the ones before', async () => {
    const { store, observed, service, tracker } = await setUp();
    expect((await tracker.refresh())?.consumedMs).toBe(10 * MIN);
    await service.receiveAlerts(
      group([alert('a', { status: 'resolved', endsAt: '2026-11-27T00:45:22.800Z' })]),
    );
    const resolved = await store.incidents.get('INC-1');
    if (resolved === null) throw new Error('INC-1 not stored');
    let asked: Promise<AvailabilityStatus | undefined> | undefined;
    observed.afterNextBudgetRead = () => {
      asked = tracker.currentAfter(resolved);
    };
    expect((await tracker.refresh())?.consumedMs).toBe(2 * MIN);
    // The card asked in between (the count had read the resolution, its figures were not kept yet).
    if (asked === undefined) throw new Error('the card did not ask during the count');
    expect((await asked)?.consumedMs).toBe(2 * MIN);
  });
});

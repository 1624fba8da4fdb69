import { TimerFirer } from '../../../src/escalation/timer-firer';
import { TIMER_QUEUE, timerMember } from '../../../src/escalation/work-items';
import type { IncidentRepository } from '../../../src/incidents/ports';
import { IncidentService } from '../../../src/incidents/service';
import type { EscalationStep } from '../../../src/incidents/types';
import { createLogger } from '../../../src/observability/logger';
import { createMemoryStore } from '../../../src/store/memory/memory-store';
import { QueueWorker } from '../../../src/store/queue-worker';
import { alert, FakeClock, group, policy } from '../../support/builders';

const step = (id: string, afterMs: number): EscalationStep => ({
  id,
  description: `${id} après ${afterMs} ms`,
  trigger: { kind: 'after', afterMs },
  unless: ['resolved'],
  notify: ['tech-lead'],
  via: ['pagerduty'],
  sets: {},
});

/** The memory store, counting saves and the ones that lost a version race. */
function counting(inner: IncidentRepository) {
  const counts = { saves: 0, conflicts: 0 };
  const repository: IncidentRepository = Object.create(inner) as IncidentRepository;
  repository.save = async (...args) => {
    const saved = await inner.save(...args);
    counts.saves += 1;
    if (!saved) counts.conflicts += 1;
    return saved;
  };
  return { repository, counts };
}

/** An incident with two steps due 1 s after it opened, and the timer worker as the engine builds it. */
async function twoStepsDue() {
  const store = createMemoryStore();
  const { repository, counts } = counting(store.incidents);
  const clock = new FakeClock();
  const service = new IncidentService({ repository, clock, publish: () => undefined });
  const opened = await service.receiveAlerts(
    group([alert('a')], { policy: policy({ escalation: [step('first', 1000), step('second', 1000)] }) }),
  );
  const id = opened.incidentId ?? '';
  const fired: string[] = [];
  const firer = new TimerFirer(service, createLogger('silent'), (_late, _rb, s) => fired.push(s), clock.now);
  const queue = store.queue(TIMER_QUEUE);
  const worker = new QueueWorker({
    name: 'escalation-timers',
    queue,
    clock,
    logger: createLogger('silent'),
    handle: (w) => firer.handle(w),
    batch: 100,
  });
  return { store, counts, clock, id, fired, queue, worker };
}

describe('timers due together', () => {
  it('of one incident fire in one read and one save, each step recorded', async () => {
    const { store, counts, clock, id, fired, queue, worker } = await twoStepsDue();
    const due = clock.now() + 1000;
    await queue.scheduleMany([
      { member: timerMember({ incidentId: id, stepId: 'first', generation: 1 }), dueAt: due },
      { member: timerMember({ incidentId: id, stepId: 'second', generation: 1 }), dueAt: due },
    ]);
    clock.advance(1000);
    counts.saves = 0;

    expect(await worker.tick()).toBe(2);

    const incident = await store.incidents.get(id);
    expect(incident?.escalations.map((e) => e.stepId).sort()).toEqual(['first', 'second']);
    expect(fired.sort()).toEqual(['first', 'second']);
    expect(counts).toEqual({ saves: 1, conflicts: 0 });
    expect(await queue.counts()).toEqual({ due: 0, leased: 0 });
  });

  it('a stale timer among them changes nothing and does not keep the other from firing', async () => {
    const { store, counts, clock, id, fired, queue, worker } = await twoStepsDue();
    const due = clock.now() + 1000;
    await queue.scheduleMany([
      // An older phase's timer: the domain refuses it.
      { member: timerMember({ incidentId: id, stepId: 'first', generation: 0 }), dueAt: due },
      { member: timerMember({ incidentId: id, stepId: 'second', generation: 1 }), dueAt: due },
    ]);
    clock.advance(1000);
    counts.saves = 0;

    expect(await worker.tick()).toBe(2);

    const incident = await store.incidents.get(id);
    expect(incident?.escalations.map((e) => e.stepId)).toEqual(['second']);
    expect(fired).toEqual(['second']);
    expect(counts).toEqual({ saves: 1, conflicts: 0 });
  });

  it('of different incidents fire each in its own save', async () => {
    const { store, counts, clock, id, fired, queue, worker } = await twoStepsDue();
    const service = new IncidentService({ repository: store.incidents, clock, publish: () => undefined });
    const other = await service.receiveAlerts(
      group([alert('b')], {
        key: 'other',
        policy: policy({ escalation: [step('first', 1000), step('second', 1000)] }),
      }),
    );
    const otherId = other.incidentId ?? '';
    const due = clock.now() + 1000;
    await queue.scheduleMany([
      { member: timerMember({ incidentId: id, stepId: 'first', generation: 1 }), dueAt: due },
      { member: timerMember({ incidentId: otherId, stepId: 'first', generation: 1 }), dueAt: due },
    ]);
    clock.advance(1000);
    counts.saves = 0;

    expect(await worker.tick()).toBe(2);

    expect(fired).toEqual(['first', 'first']);
    expect(counts).toEqual({ saves: 2, conflicts: 0 });
    expect((await store.incidents.get(otherId))?.escalations.map((e) => e.stepId)).toEqual(['first']);
  });
});

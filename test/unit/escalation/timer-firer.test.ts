import { TimerFirer } from '../../../src/escalation/timer-firer';
import type { TimerItem } from '../../../src/escalation/work-items';
import { TIMER_QUEUE, timerMember } from '../../../src/escalation/work-items';
import { IncidentService } from '../../../src/incidents/service';
import type { EscalationStep } from '../../../src/incidents/types';
import { createLogger } from '../../../src/observability/logger';
import { createMemoryStore } from '../../../src/store/memory/memory-store';
import { QueueWorker } from '../../../src/store/queue-worker';
import { alert, FakeClock, group, policy } from '../../support/builders';
import { countingSaves } from '../../support/repository';

const step = (id: string, afterMs: number): EscalationStep => ({
  id,
  description: `${id} après ${afterMs} ms`,
  trigger: { kind: 'after', afterMs },
  unless: ['resolved'],
  notify: ['tech-lead'],
  via: ['pagerduty'],
  sets: {},
});

/** An incident with two steps due 1 s after it opened, and the timer worker as the engine builds it. */
async function twoStepsDue() {
  const store = createMemoryStore();
  const { repository, counts } = countingSaves(store.incidents);
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
  /** Makes the timers due in 1 s, lets that second pass and runs one pass of the worker (saves counted from here). */
  const fireDue = async (timers: TimerItem[]): Promise<number> => {
    const dueAt = clock.now() + 1000;
    await queue.scheduleMany(timers.map((timer) => ({ member: timerMember(timer), dueAt })));
    clock.advance(1000);
    counts.saves = 0;
    return worker.tick();
  };
  return { store, counts, clock, id, fired, queue, fireDue };
}

describe('timers due together', () => {
  it('of one incident fire in one read and one save, each step recorded', async () => {
    const { store, counts, id, fired, queue, fireDue } = await twoStepsDue();

    expect(
      await fireDue([
        { incidentId: id, stepId: 'first', generation: 1 },
        { incidentId: id, stepId: 'second', generation: 1 },
      ]),
    ).toBe(2);

    const incident = await store.incidents.get(id);
    expect(incident?.escalations.map((e) => e.stepId).sort()).toEqual(['first', 'second']);
    expect(fired.sort()).toEqual(['first', 'second']);
    expect(counts).toEqual({ saves: 1, conflicts: 0 });
    expect(await queue.counts()).toEqual({ due: 0, leased: 0 });
  });

  it('a stale timer among them changes nothing and does not keep the other from firing', async () => {
    const { store, counts, id, fired, fireDue } = await twoStepsDue();

    expect(
      await fireDue([
        // An older phase's timer: the domain refuses it.
        { incidentId: id, stepId: 'first', generation: 0 },
        { incidentId: id, stepId: 'second', generation: 1 },
      ]),
    ).toBe(2);

    const incident = await store.incidents.get(id);
    expect(incident?.escalations.map((e) => e.stepId)).toEqual(['second']);
    expect(fired).toEqual(['second']);
    expect(counts).toEqual({ saves: 1, conflicts: 0 });
  });

  it('of different incidents fire each in its own save', async () => {
    const { store, counts, clock, id, fired, fireDue } = await twoStepsDue();
    const service = new IncidentService({ repository: store.incidents, clock, publish: () => undefined });
    const other = await service.receiveAlerts(
      group([alert('b')], {
        key: 'other',
        policy: policy({ escalation: [step('first', 1000), step('second', 1000)] }),
      }),
    );
    const otherId = other.incidentId ?? '';
    expect(
      await fireDue([
        { incidentId: id, stepId: 'first', generation: 1 },
        { incidentId: otherId, stepId: 'first', generation: 1 },
      ]),
    ).toBe(2);

    expect(fired).toEqual(['first', 'first']);
    expect(counts).toEqual({ saves: 2, conflicts: 0 });
    expect((await store.incidents.get(otherId))?.escalations.map((e) => e.stepId)).toEqual(['first']);
  });
});

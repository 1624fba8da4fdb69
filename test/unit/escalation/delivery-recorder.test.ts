import { DeliveryRecorder } from '../../../src/escalation/delivery-recorder';
import type { IncidentRepository } from '../../../src/incidents/ports';
import { IncidentService } from '../../../src/incidents/service';
import type { DeliveryResult, EscalationStep } from '../../../src/incidents/types';
import { createMemoryStore } from '../../../src/store/memory/memory-store';
import { alert, FakeClock, group, policy } from '../../support/builders';
import { countingSaves } from '../../support/repository';

const techLead: EscalationStep = {
  id: 'tech-lead',
  description: 'Tech Lead après 15 min',
  trigger: { kind: 'after', afterMs: 15 * 60_000 },
  unless: ['resolved'],
  notify: ['tech-lead', 'oncall-backend'],
  via: ['pagerduty', 'slack'],
  sets: {},
};

const sent = (channel: DeliveryResult['channel'], target: string): DeliveryResult => ({
  channel,
  target,
  outcome: 'sent',
  detail: '',
  item: `${channel}:${target}`,
});

const sev1: EscalationStep = {
  ...techLead,
  id: 'sev1',
  description: 'SEV1 dès l’ouverture',
  trigger: { kind: 'after', afterMs: 0 },
  notify: ['tech-lead'],
  via: ['pagerduty'],
};

/** An incident whose steps fired (phase 1), saved through `repository`. */
async function firedIncident(repository: IncidentRepository, steps: EscalationStep[] = [techLead]) {
  const service = new IncidentService({ repository, clock: new FakeClock(), publish: () => undefined });
  const opened = await service.receiveAlerts(group([alert('a')], { policy: policy({ escalation: steps }) }));
  const id = opened.incidentId ?? '';
  for (const step of steps)
    await service.execute(id, { type: 'fire_escalation', actor: 'vigie', stepId: step.id, generation: 1 });
  return { id, recorder: new DeliveryRecorder(service) };
}

describe('delivery results of one incident', () => {
  it('that end together are recorded together: every result kept, no version race', async () => {
    const store = createMemoryStore();
    const { repository, counts } = countingSaves(store.incidents);
    const { id, recorder } = await firedIncident(repository);
    counts.saves = 0;

    const results = [
      sent('pagerduty', 'tech-lead'),
      sent('pagerduty', 'oncall-backend'),
      sent('slack', '#sre-escalations'),
    ];
    await Promise.all(results.map((r) => recorder.record(id, 'tech-lead', 1, r)));

    const incident = await store.incidents.get(id);
    const fired = incident?.escalations.find((e) => e.stepId === 'tech-lead');
    expect(fired?.deliveries?.map((d) => d.item).sort()).toEqual(results.map((r) => r.item).sort());
    // The first result is saved alone; the two that ended while it was being saved, together.
    expect(counts).toEqual({ saves: 2, conflicts: 0 });
  });

  it('of two steps fired together are saved together: one read and one save for both steps', async () => {
    const store = createMemoryStore();
    const { repository, counts } = countingSaves(store.incidents);
    const { id, recorder } = await firedIncident(repository, [techLead, sev1]);
    counts.saves = 0;

    await Promise.all([
      recorder.record(id, 'tech-lead', 1, sent('pagerduty', 'oncall-backend')),
      recorder.record(id, 'tech-lead', 1, sent('slack', '#sre-escalations')),
      recorder.record(id, 'sev1', 1, sent('pagerduty', 'tech-lead')),
    ]);

    const incident = await store.incidents.get(id);
    const items = (stepId: string) =>
      incident?.escalations.find((e) => e.stepId === stepId)?.deliveries?.map((d) => d.item);
    expect(items('tech-lead')).toEqual(['pagerduty:oncall-backend', 'slack:#sre-escalations']);
    expect(items('sev1')).toEqual(['pagerduty:tech-lead']);
    // The first alone, then both steps' results in one save (one save per step made it 3).
    expect(counts).toEqual({ saves: 2, conflicts: 0 });
  });

  it('a store failure reaches every caller of the batch (each keeps its result to record again)', async () => {
    const store = createMemoryStore();
    const { id, recorder } = await firedIncident(store.incidents);
    store.incidents.save = () => Promise.reject(new Error('redis down'));
    const outcomes = await Promise.allSettled([
      recorder.record(id, 'tech-lead', 1, sent('pagerduty', 'tech-lead')),
      recorder.record(id, 'tech-lead', 1, sent('pagerduty', 'oncall-backend')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});

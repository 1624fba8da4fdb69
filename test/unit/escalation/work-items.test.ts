import type { DeliveryRoute, OutboxItem, SendItem } from '../../../src/escalation/work-items';
import { outboxMember, parseOutbox } from '../../../src/escalation/work-items';

const send = (incidentId: string, route: DeliveryRoute, target: string): SendItem => ({
  kind: 'send',
  route,
  incidentId,
  generation: 2,
  stepId: 'tech-lead',
  target,
});

describe('escalation outbox members', () => {
  it('read back every item they were written from', () => {
    const items: OutboxItem[] = [
      send('INC-7', 'pagerduty', 'oncall-backend'),
      send('INC-7', 'fallback_slack', '*'),
      { kind: 'pagerduty', action: 'resolve', incidentId: 'INC-7', generation: 1 },
      { kind: 'postmortem', incidentId: 'INC-7', generation: 1 },
      { kind: 'deliver', incidentId: 'INC-7', stepId: 'tech-lead', generation: 1 },
    ];
    for (const item of items) expect(parseOutbox(outboxMember(item))).toEqual(item);
  });

  it("put the incident first, so that one incident's items due together are claimed together", () => {
    // Two incidents whose steps fired in the same millisecond: their items share a score, and Redis
    // (like the memory queue) gives members of one score in member order.
    const members = [
      send('INC-10', 'pagerduty', 'oncall-backend'),
      send('INC-11', 'pagerduty', 'oncall-backend'),
      send('INC-10', 'email', '*'),
      send('INC-11', 'email', '*'),
      send('INC-10', 'slack', '*'),
      send('INC-11', 'slack', '*'),
    ].map(outboxMember);
    const claimedOrder = [...members].sort().map((m) => parseOutbox(m)?.incidentId);
    expect(claimedOrder).toEqual(['INC-10', 'INC-10', 'INC-10', 'INC-11', 'INC-11', 'INC-11']);
  });

  it('still read the items queued before 3 December, route first', () => {
    expect(parseOutbox('send|pagerduty|INC-1|1|runbook-channels|oncall-backend')).toEqual({
      kind: 'send',
      route: 'pagerduty',
      incidentId: 'INC-1',
      generation: 1,
      stepId: 'runbook-channels',
      target: 'oncall-backend',
    });
    expect(parseOutbox('send|fallback_email|INC-1|1|runbook-channels|*')).toMatchObject({
      route: 'fallback_email',
      incidentId: 'INC-1',
      target: '*',
    });
  });

  it('refuse what no version wrote', () => {
    for (const member of [
      'send|INC-1|1|runbook-channels|carrier-pigeon|*',
      'send|INC-1|one|runbook-channels|email|*',
      'send|INC-1|1|runbook-channels|email',
      'send|carrier-pigeon|INC-1|1|runbook-channels|*',
      'send',
      'page|INC-1|1',
    ])
      expect(parseOutbox(member)).toBeUndefined();
  });
});

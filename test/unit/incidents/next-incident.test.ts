import { nextIncident } from '../../../src/incidents/next-incident';
import { transition } from '../../../src/incidents/transition';
import { alert, group, openWith, policy, receive } from '../../support/builders';

describe('the copy a transition edits', () => {
  it('is equal to the incident, shares only its frozen policy, and editing it leaves the incident alone', () => {
    const incident = openWith(group([alert('a'), alert('b')], { policy: policy({ escalation: [] }) }));
    const before = structuredClone(incident);
    const copy = nextIncident(incident);
    expect(copy).toEqual(incident);
    expect(copy.policy).toBe(incident.policy);
    expect(copy.timeline).not.toBe(incident.timeline);
    expect(copy.alertTally).not.toBe(incident.alertTally);
    copy.timeline.push({ ...copy.timeline[0]!, seq: 99 });
    copy.alertTally.firing = 0;
    copy.groupLabels.service = 'other';
    expect(incident).toEqual(before);
  });

  it('keeps fields set to undefined (a resolved incident reopened clears them)', () => {
    const incident = openWith(group([alert('a')]));
    const copy = nextIncident({ ...incident, acknowledgedBy: undefined });
    expect(Object.keys(copy)).toContain('acknowledgedBy');
  });

  it('transitions never change the incident they are given', () => {
    const incident = openWith(group([alert('a'), alert('b')]));
    const before = structuredClone(incident);
    const now = incident.openedAt + 60_000;
    transition(incident, { type: 'acknowledge', actor: 'U1' }, now);
    receive(incident, group([alert('a', { status: 'resolved' })]), now);
    transition(incident, { type: 'resolve', actor: 'U1' }, now);
    expect(incident).toEqual(before);
  });
});

import { inChannel, incidentMatches } from '../../../src/incidents/incident-search';
import { alert, group, openWith, policy } from '../../support/builders';

const incident = openWith(
  group([alert('fp1')], {
    groupLabels: { runbook: 'api.5xx', service: 'Équipe-Checkout' },
    policy: policy({ title: 'Hausse des erreurs HTTP 5xx' }),
  }),
  'INC-42',
  Date.parse('2026-11-27T00:43:30Z'),
);

describe('incidentMatches (/incident liste <mots>)', () => {
  it.each([
    ['checkout', true],
    ['equipe', true],
    ['service=équipe', true],
    ['inc-42', true],
    ['5XX checkout', true],
    ['checkout search', false],
    ['calendar', false],
    ['', true],
  ])('%p → %p', (query, expected) => expect(incidentMatches(incident, query)).toBe(expected));
});

describe('inChannel (commands without an id)', () => {
  it('finds the incidents whose card lives in the channel, named by #name or by id', () => {
    const byId = { ...incident, id: 'INC-43', policy: { ...incident.policy, channels: ['C0INTEGR'] } };
    expect(inChannel([incident, byId], 'C0ALERTS', 'sre-alerts').map((i) => i.id)).toEqual(['INC-42']);
    expect(inChannel([incident, byId], 'C0INTEGR', 'integrations').map((i) => i.id)).toEqual(['INC-43']);
    expect(inChannel([incident, byId], 'C0OTHER', 'random')).toEqual([]);
  });
});

import { byAttention } from '../../../src/incidents/attention-order';
import type { Incident, IncidentStatus, Severity } from '../../../src/incidents/types';
import { alert, group, openWith } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

function incident(id: string, severity: Severity, status: IncidentStatus, openedAt: number): Incident {
  return { ...openWith(group([alert(`fp-${id}`)], { key: id }), id, openedAt), severity, status };
}

describe('byAttention (the order of incident lists)', () => {
  it('puts the most severe first, then those nobody took, then the most recent; the resolved last', () => {
    const incidents = [
      incident('INC-1', 'warning', 'open', T0 + 5),
      incident('INC-2', 'SEV2', 'acknowledged', T0 + 4),
      incident('INC-3', 'SEV1', 'acknowledged', T0 + 3),
      incident('INC-4', 'SEV2', 'open', T0 + 1),
      incident('INC-5', 'SEV1', 'open', T0),
      incident('INC-6', 'SEV2', 'open', T0 + 2),
      incident('INC-7', 'SEV1', 'resolved', T0 + 6),
    ];
    expect([...incidents].sort(byAttention).map((i) => i.id)).toEqual([
      'INC-5',
      'INC-3',
      'INC-6',
      'INC-4',
      'INC-2',
      'INC-1',
      'INC-7',
    ]);
  });
});

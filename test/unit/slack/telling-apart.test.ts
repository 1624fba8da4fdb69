import type { Incident } from '../../../src/incidents/types';
import { labelCode, labelsTellingApart } from '../../../src/slack/blocks/telling-apart';
import { alert, group, openWith, policy } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

function incident(n: number, groupLabels: Record<string, string>, title = 'Erreurs 5xx API'): Incident {
  return openWith(
    group([alert(`fp${n}`)], { key: `k${n}`, groupLabels, policy: policy({ title }) }),
    `INC-${n}`,
    T0,
  );
}

describe('labels telling incidents apart', () => {
  it('names the labels whose value differs between incidents of the same title, in their order', () => {
    const apart = labelsTellingApart([
      incident(1, { runbook: 'api.5xx', service: 'checkout', env: 'prod' }),
      incident(2, { runbook: 'api.5xx', service: 'search', env: 'prod' }),
      incident(3, { runbook: 'api.5xx', service: 'search', env: 'staging' }),
    ]);
    expect(apart.get('INC-1')).toEqual([
      ['service', 'checkout'],
      ['env', 'prod'],
    ]);
    expect(apart.get('INC-3')).toEqual([
      ['service', 'search'],
      ['env', 'staging'],
    ]);
  });

  it('needs none for an incident alone with its title, and omits a label an incident lacks', () => {
    const apart = labelsTellingApart([
      incident(1, { runbook: 'api.5xx', service: 'checkout' }),
      incident(2, { runbook: 'api.5xx' }),
      incident(3, { runbook: 'calendar.queue', service: 'x' }, 'File calendrier'),
    ]);
    expect(apart.get('INC-1')).toEqual([['service', 'checkout']]);
    expect(apart.get('INC-2')).toEqual([]);
    expect(apart.has('INC-3')).toBe(false);
  });

  it('keeps a line short: at most three labels, long values cut', () => {
    const labels = (v: string) => ({ a: v, b: v, c: v, d: v });
    const apart = labelsTellingApart([incident(1, labels('x'.repeat(500))), incident(2, labels('y'))]);
    const pairs = apart.get('INC-1') ?? [];
    expect(pairs.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    for (const [, value] of pairs) expect(value.length).toBeLessThanOrEqual(40);
  });

  it('writes a label as code that its text cannot break out of', () => {
    expect(labelCode(['service', 'a`<!channel>&b'])).toBe('`service=aˋ&lt;!channel&gt;&amp;b`');
  });
});

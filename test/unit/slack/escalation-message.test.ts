import type { EscalationStep } from '../../../src/incidents/types';
import { renderEscalationMessage } from '../../../src/slack/blocks/escalation-message';
import { alert, group, openWith, policy } from '../../support/builders';

const step: EscalationStep = {
  id: 'tech-lead',
  description: '>15 min sans résolution : Tech Lead + On-call Backend',
  trigger: { kind: 'after', afterMs: 15 * 60_000 },
  unless: ['resolved'],
  notify: ['tech-lead'],
  via: ['slack'],
  sets: {},
};

describe('escalation channel message builder', () => {
  it('says which service the escalation is about, as code its labels cannot break out of', () => {
    const incident = openWith(
      group([alert('fp1')], {
        groupLabels: { service: 'checkout<!channel>', env: 'prod' },
        policy: policy({ title: 'Hausse des erreurs HTTP 5xx' }),
      }),
      'INC-7',
      Date.parse('2026-11-27T00:43:30Z'),
    );
    const message = renderEscalationMessage(incident, step, ['<@U1>'], undefined, 'fr');
    expect(message.blocks).toHaveLength(1);
    expect(message.text).toContain(
      '🚨 Escalade `INC-7` (SEV2) — Hausse des erreurs HTTP 5xx `service=checkout&lt;!channel&gt;` `env=prod` <@U1>',
    );
  });

  it('names a declared incident (no labels) by its summary, escaped', () => {
    const base = openWith(
      group([alert('fp1')], { policy: policy({ title: 'Hausse des erreurs HTTP 5xx' }) }),
      'INC-8',
      0,
    );
    const declared = { ...base, groupLabels: {}, summary: 'Panne <!here> checkout' };
    const message = renderEscalationMessage(declared, step, [], undefined, 'fr');
    expect(message.text).toContain('— Hausse des erreurs HTTP 5xx (Panne &lt;!here&gt; checkout)\n');
  });
});

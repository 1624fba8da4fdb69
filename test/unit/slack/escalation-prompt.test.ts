import type { EscalationStep } from '../../../src/incidents/types';
import { escalationPrompt, escalationPromptDone } from '../../../src/slack/blocks/escalation-prompt';
import { PROMPT_BLOCK } from '../../../src/slack/ids';
import { alert, group, openWith } from '../../support/builders';

const step: EscalationStep = {
  id: 'tech-lead',
  description: 'Si > 15 min sans résolution, contacter Tech Lead + On-call Backend.',
  trigger: { kind: 'after', afterMs: 15 * 60_000 },
  unless: ['resolved'],
  notify: ['tech-lead', 'oncall-backend'],
  via: ['pagerduty', 'slack'],
  sets: {},
};
const roles = { 'tech-lead': 'Tech Lead', 'oncall-backend': 'On-call Backend' };

describe('escalation prompt builders', () => {
  it('asks with one button, in the block whose clicks answer in place of the prompt', () => {
    const incident = openWith(group([alert('fp1')]), 'INC-3', 0);
    const prompt = escalationPrompt(incident, step, roles, 'fr');
    expect(prompt.blocks.map((b) => b.type)).toEqual(['section', 'actions']);
    expect(prompt.blocks[1]).toMatchObject({ block_id: PROMPT_BLOCK.escalate });
    expect(JSON.stringify(prompt.blocks[0])).toContain(
      '🚨 Escalader INC-3 maintenant ? _Si &gt; 15 min sans résolution, contacter Tech Lead + On-call Backend._ — joindra Tech Lead, On-call Backend (PagerDuty, Slack).',
    );
  });

  it('once fired, says what left and whom it reaches, with no button left to press again', () => {
    const done = escalationPromptDone('INC-3', step, roles, 'fr');
    expect(done.blocks.map((b) => b.type)).toEqual(['section']);
    expect(done.text).toBe(
      '🚨 Escalade de INC-3 déclenchée : _Si &gt; 15 min sans résolution, contacter Tech Lead + On-call Backend._ — joindra Tech Lead, On-call Backend (PagerDuty, Slack). Le fil de sa carte suit chaque envoi.',
    );
    expect(JSON.stringify(done.blocks)).not.toContain('button');
  });

  it('speaks English in an English deployment', () => {
    expect(escalationPromptDone('INC-3', step, roles, 'en').text).toBe(
      "🚨 Escalation of INC-3 fired: _Si &gt; 15 min sans résolution, contacter Tech Lead + On-call Backend._ — will reach Tech Lead, On-call Backend (PagerDuty, Slack). Its card's thread follows each send.",
    );
  });
});

import { messages } from '../../../src/i18n';
import type { TimelineEntry } from '../../../src/incidents/types';
import { renderThreadReply } from '../../../src/slack/blocks/card-timeline';
import { cardNames } from '../../../src/slack/blocks/incident-card';
import { LIMITS } from '../../../src/slack/blocks/limits';
import { alert, group, openWith } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

describe('thread reply builder', () => {
  const incident = openWith(group([alert('fp1')]), 'INC-3', T0);
  const names = cardNames(incident, {
    runbook: undefined,
    urls: {},
    roleNames: {},
    followups: [],
    budget: undefined,
    locale: 'fr',
    now: T0,
    alerts: [],
  });
  const note = (seq: number, text: string): TimelineEntry => ({
    seq,
    at: T0 + seq,
    actor: 'U0ALICE',
    kind: 'note',
    details: [text],
  });

  it('lists every entry; its notification gives the first and counts the others', () => {
    const reply = renderThreadReply(
      incident,
      [note(1, 'premier'), note(2, 'deuxième'), note(3, 'troisième')],
      messages('fr'),
      names,
    );
    const section = reply.blocks[0] as { text: { text: string } };
    expect(section.text.text.split('\n')).toHaveLength(3);
    expect(reply.text).toMatch(/^INC-3 — .*premier.* \(\+2\)$/);
  });

  it('the thread is where a note is read whole: a long one in full, several in as many sections', () => {
    const long = (seq: number) => note(seq, `${seq}:${'é'.repeat(1_990)}<fin ${seq}>`);
    const reply = renderThreadReply(incident, [long(1), long(2), long(3), long(4)], messages('fr'), names);
    expect(reply.shown).toBe(4);
    const sections = reply.blocks.map((b) => (b as { text: { text: string } }).text.text);
    expect(sections).toHaveLength(4);
    for (const [i, text] of sections.entries()) {
      expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(text).toContain(`${i + 1}:${'é'.repeat(1_990)}&lt;fin ${i + 1}&gt;`);
    }
    expect(JSON.stringify(reply.blocks).length).toBeLessThan(LIMITS.messageBlocksJson);
  });

  it('holds what one message can, whole, and says how many: the rest is for the next reply', () => {
    const entries = Array.from({ length: 8 }, (_, i) => note(i + 1, `${i + 1}:${'x'.repeat(1_990)}`));
    const reply = renderThreadReply(incident, entries, messages('fr'), names, (shown) => [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `then ${shown.length}` }] },
    ]);
    expect(reply.shown).toBeGreaterThanOrEqual(4);
    expect(reply.shown).toBeLessThan(8);
    const text = JSON.stringify(reply.blocks);
    for (let i = 1; i <= reply.shown; i += 1) expect(text).toContain(`${i}:${'x'.repeat(1_990)}`);
    expect(text).not.toContain(`${reply.shown + 1}:x`);
    expect(text).not.toContain('de plus');
    expect(text).toContain(`then ${reply.shown}`);
    expect(JSON.stringify(reply.blocks).length).toBeLessThan(LIMITS.messageBlocksJson);
  });

  it('a reply of one entry is its notification as it is', () => {
    const reply = renderThreadReply(incident, [note(1, 'seul')], messages('fr'), names);
    expect(reply.text).toMatch(/^INC-3 — .*seul/);
    expect(reply.text).not.toMatch(/\(\+\d+\)$/);
  });
});

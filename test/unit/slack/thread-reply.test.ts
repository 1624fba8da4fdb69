import { messages } from '../../../src/i18n';
import type { TimelineEntry } from '../../../src/incidents/types';
import { renderThreadReply } from '../../../src/slack/blocks/card-timeline';
import { cardNames } from '../../../src/slack/blocks/incident-card';
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

  it('a reply of one entry is its notification as it is', () => {
    const reply = renderThreadReply(incident, [note(1, 'seul')], messages('fr'), names);
    expect(reply.text).toMatch(/^INC-3 — .*seul/);
    expect(reply.text).not.toMatch(/\(\+\d+\)$/);
  });
});

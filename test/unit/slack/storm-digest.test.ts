import type { Incident } from '../../../src/incidents/types';
import { cardStrings } from '../../../src/i18n';
import { LIMITS } from '../../../src/slack/blocks/limits';
import { DIGEST_LISTED, renderStormDigest } from '../../../src/slack/blocks/storm-digest';
import { alert, group, openWith, policy } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

function incident(n: number, status: Incident['status'], title = 'Erreurs 5xx API'): Incident {
  const opened = openWith(
    group([alert(`fp${n}`)], { key: `k${n}`, policy: policy({ title }) }),
    `INC-${n}`,
    T0,
  );
  return { ...opened, status };
}

const select = (blocks: unknown[]) =>
  (blocks as Array<{ type: string; elements?: Array<{ type: string; options?: Array<{ value: string }> }> }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.type === 'static_select');

describe('storm digest builder', () => {
  it('lists firing incidents first, one line each, and offers only unresolved ones in its menu', () => {
    const view = {
      title: 'Erreurs 5xx API',
      incidents: [incident(3, 'resolved'), incident(2, 'acknowledged'), incident(1, 'open')],
      total: 3,
      perMinute: 10,
      since: T0,
    };
    const message = renderStormDigest(view, cardStrings('fr'));
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'actions']);
    const lines = JSON.stringify(message.blocks[2]);
    expect(lines.indexOf('INC-1')).toBeLessThan(lines.indexOf('INC-2'));
    expect(lines.indexOf('INC-2')).toBeLessThan(lines.indexOf('INC-3'));
    expect(select(message.blocks)?.options?.map((o) => o.value)).toEqual(['INC-1', 'INC-2']);
    expect(message.text).toContain('3 incidents');
  });

  it('counts what it does not list and stays within Block Kit limits however long the titles', () => {
    const long = `${'<script>'.repeat(40)} & co`;
    const incidents = Array.from({ length: DIGEST_LISTED }, (_, i) => incident(i + 1, 'open', long));
    const message = renderStormDigest(
      { title: long, incidents, total: 5000, perMinute: 10, since: T0 },
      cardStrings('en'),
    );
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(JSON.stringify(message.blocks).length).toBeLessThan(LIMITS.messageBlocksJson);
    const section = message.blocks.find((b) => b.type === 'section') as { text: { text: string } };
    expect(section.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(section.text.text).toMatch(/and \d+ more/);
    expect(section.text.text).not.toContain('<script>');
    const options = select(message.blocks)?.options ?? [];
    expect(options).toHaveLength(DIGEST_LISTED);
    for (const o of options as unknown as Array<{ text: { text: string } }>)
      expect(o.text.text.length).toBeLessThanOrEqual(75);
  });

  it('has no menu when everything listed is resolved', () => {
    const message = renderStormDigest(
      { title: 'x', incidents: [incident(1, 'resolved')], total: 1, perMinute: 10, since: T0 },
      cardStrings('fr'),
    );
    expect(select(message.blocks)).toBeUndefined();
  });
});

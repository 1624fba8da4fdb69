import type { Incident } from '../../../src/incidents/types';
import { cardStrings } from '../../../src/i18n';
import { LIMITS } from '../../../src/slack/blocks/limits';
import { DIGEST_LISTED, renderStormDigest } from '../../../src/slack/blocks/storm-digest';
import { alert, group, openWith, policy } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

function incident(
  n: number,
  status: Incident['status'],
  title = 'Erreurs 5xx API',
  runbookId: string | null = 'api.5xx',
): Incident {
  const opened = openWith(
    group([alert(`fp${n}`)], {
      key: `k${n}`,
      groupLabels: { runbook: 'api.5xx', service: `svc-${n}` },
      policy: policy({ title, runbookId }),
    }),
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
    expect(section.text.text).toMatch(/… and \d+ more: `\/incident list &lt;words&gt;` finds them$/);
    expect(section.text.text).not.toContain('<script>');
    const options = select(message.blocks)?.options ?? [];
    expect(options).toHaveLength(DIGEST_LISTED);
    for (const o of options as unknown as Array<{ text: { text: string } }>)
      expect(o.text.text.length).toBeLessThanOrEqual(75);
  });

  it('tells its incidents apart by their labels, not by the runbook title its header already gives', () => {
    const message = renderStormDigest(
      {
        title: 'Erreurs 5xx API',
        incidents: [incident(2, 'open'), incident(1, 'open')],
        total: 2,
        perMinute: 10,
        since: T0,
      },
      cardStrings('fr'),
    );
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text).toBe("🌩️ Tempête d'alertes — Erreurs 5xx API");
    const section = message.blocks.find((b) => b.type === 'section') as { text: { text: string } };
    const lines = section.text.text.split('\n');
    expect(lines[0]).toContain('*INC-2* · 🟠 SEV2 · `service=svc-2` · ');
    expect(lines[1]).toContain('*INC-1* · 🟠 SEV2 · `service=svc-1` · ');
    expect(section.text.text).not.toContain('Erreurs 5xx API');
    const options = (select(message.blocks)?.options ?? []) as unknown as Array<{ text: { text: string } }>;
    expect(options.map((o) => o.text.text)).toEqual(['INC-2 · service=svc-2', 'INC-1 · service=svc-1']);
  });

  it('says when its incidents match no runbook, and then gives each its own title', () => {
    const message = renderStormDigest(
      {
        title: undefined,
        incidents: [
          incident(2, 'open', 'Disque plein', null),
          incident(1, 'open', 'Certificat expiré', null),
        ],
        total: 2,
        perMinute: 10,
        since: T0,
      },
      cardStrings('fr'),
    );
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text).toBe("🌩️ Tempête d'alertes — alertes sans runbook");
    expect(message.text).toContain('alertes sans runbook');
    const section = message.blocks.find((b) => b.type === 'section') as { text: { text: string } };
    expect(section.text.text).toContain('*INC-2* · 🟠 SEV2 · Disque plein · ');
    expect(section.text.text).toContain('*INC-1* · 🟠 SEV2 · Certificat expiré · ');
  });

  it('says the storm is over once every incident it lists is resolved, and not before', () => {
    const view = { title: 'Erreurs 5xx API', total: 2, perMinute: 10, since: T0 };
    const context = (incidents: Incident[], total = 2) =>
      JSON.stringify(renderStormDigest({ ...view, incidents, total }, cardStrings('fr')).blocks[1]);
    expect(context([incident(2, 'resolved'), incident(1, 'resolved')])).toContain(
      '✅ Tempête terminée : les 2 incidents listés depuis',
    );
    expect(context([incident(2, 'resolved'), incident(1, 'acknowledged')])).toContain(
      'plus de 10 nouvelles cartes',
    );
    // Some not even read (beyond the forty it names): it cannot say they are resolved.
    expect(context([incident(2, 'resolved'), incident(1, 'resolved')], 50)).not.toContain('terminée');
  });

  it('has no menu when everything listed is resolved', () => {
    const message = renderStormDigest(
      { title: 'x', incidents: [incident(1, 'resolved')], total: 1, perMinute: 10, since: T0 },
      cardStrings('fr'),
    );
    expect(select(message.blocks)).toBeUndefined();
  });
});

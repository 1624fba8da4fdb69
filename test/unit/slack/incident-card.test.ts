import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../../src/incidents/types';
import { loadRunbooks } from '../../../src/runbooks/loader';
import type { RunbookSet } from '../../../src/runbooks/loader';
import { LIMITS, fitLines, packSections } from '../../../src/slack/blocks/limits';
import { ALERTS_ON_CARD, renderIncidentCard } from '../../../src/slack/blocks/incident-card';
import type { CardContext } from '../../../src/slack/blocks/incident-card';
import { transition } from '../../../src/incidents/transition';
import { alert, group, openWith, policy, receive, storedAlerts } from '../../support/builders';
import path from 'node:path';

const T0 = Date.parse('2026-11-27T00:43:30Z');
let set: RunbookSet;
beforeAll(async () => {
  set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
});

function ctx(overrides: Partial<CardContext> = {}): CardContext {
  return {
    runbook: set.runbooks.find((r) => r.id === 'api.5xx'),
    urls: set.platform.urls,
    roleNames: { 'tech-lead': 'Tech Lead', 'oncall-backend': 'On-call Backend' },
    followups: [{ id: 'postmortem', label: 'Compléter post-mortem' }],
    budget: {
      consumedMs: 72 * 60_000,
      budgetMs: 216 * 60_000,
      consumedRatio: 1 / 3,
      threatened: false,
      computedAt: T0 + 60_000,
    },
    locale: 'fr',
    now: T0 + 120_000,
    alerts: [],
    ...overrides,
  };
}

/** The card as card sync renders it: with the incident's first alerts in card order. */
const card = (incident: Incident, overrides: Partial<CardContext> = {}) =>
  renderIncidentCard(
    incident,
    ctx({ alerts: storedAlerts(incident).slice(0, ALERTS_ON_CARD), ...overrides }),
  );

function incidentWith(count: number): Incident {
  const alerts = Array.from({ length: count }, (_, i) =>
    alert(`fp${i}`, {
      path: `/api/v1/route-${i}/with/a/rather/long/path/segment`,
      annotations: {
        summary: `Hausse des erreurs 5xx sur /api/v1/route-${i}/with/a/rather/long/path/segment`,
        description: '2% en 5xx',
      },
    }),
  );
  return openWith(group(alerts), 'INC-7', T0);
}

function allText(blocks: KnownBlock[]): string {
  return JSON.stringify(blocks);
}

/** Checks every limit the Slack emulator (and Slack) enforce. */
function expectWithinLimits(blocks: KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.messageBlocksJson);
  for (const block of blocks) {
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
  }
}

describe('renderIncidentCard', () => {
  it('shows severity, status, both routes, start as a Slack date token, links, triage, mitigations and the id', () => {
    const { text, blocks } = card(incidentWith(2));
    const json = allText(blocks);
    // The notification says which service (the group labels), as every card of a storm has the title.
    expect(text).toBe(
      '[SEV2] Hausse des erreurs HTTP 5xx (runbook=api.5xx, service=backend-api) — 🔥 En cours (INC-7)',
    );
    expect(json).toContain('🟠 SEV2');
    expect(json).toContain('/api/v1/route-0/with/a/rather/long/path/segment');
    expect(json).toContain('/api/v1/route-1/with/a/rather/long/path/segment');
    // « Début » is the first alert's start (Alertmanager's startsAt), received 8 s later: no « reçu à ».
    const start = Date.parse('2026-11-27T00:43:22.800Z');
    expect(json).toContain(
      `<!date^${Math.floor(start / 1000)}^{date_short_pretty} {time_secs}|2026-11-27T00:43:22.800Z>`,
    );
    expect(json).toContain(`<!date^${Math.floor(start / 1000)}^{ago}|2 min>`);
    expect(json).not.toContain('reçu par Vigie');
    expect(json).toContain('https://grafana.jmd.example/d/api-core/api-core?var-path=%2Fapi%2Fv1%2Froute-0');
    expect(json).toContain('http://prometheus.jmd.example:9090/graph');
    expect(json).toContain('Ouvrir Grafana tableau « API Core » (latence & erreurs).');
    expect(json).toContain('Rollback dernier déploiement');
    expect(json).toContain('Purger jobs en erreur et relancer file');
    expect(json).toContain('`INC-7`');
    expect(json).toContain(
      'Hausse des erreurs 5xx sur /api/v1/route-0/with/a/rather/long/path/segment · 2% en 5xx',
    );
    expectWithinLimits(blocks);
  });

  it('names Alertmanager and Vigie in the timeline as products, people as mentions, never by stored ids', () => {
    const fired = transition(
      incidentWith(1),
      { type: 'check_triage', actor: 'U0ALICE01', stepId: 'grafana-api-core' },
      T0 + 1000,
    );
    if (fired.outcome !== 'changed') throw new Error(fired.outcome);
    const noted = transition(
      fired.incident,
      { type: 'add_note', actor: 'vigie', text: 'relance' },
      T0 + 2000,
    );
    if (noted.outcome !== 'changed') throw new Error(noted.outcome);
    const json = allText(card(noted.incident).blocks);
    expect(json).toContain('(Alertmanager)');
    expect(json).toContain('(Vigie)');
    expect(json).toContain('(<@U0ALICE01>)');
    expect(json).not.toMatch(/\((alertmanager|vigie)\)/);
  });

  it('says when the incident resolved automatically, and how long it lasted', () => {
    const incident = incidentWith(1);
    const result = receive(incident, group([alert('fp0', { status: 'resolved', path: '/x' })]), T0 + 600_000);
    if (result.outcome !== 'changed') throw new Error('expected change');
    const { text, blocks } = card(result.incident);
    expect(text).toContain('✅ Résolu');
    expect(allText(blocks)).toContain('Résolu automatiquement');
    expect(allText(blocks)).toContain('*Durée*\\n10 min');
  });

  it('a card resolved by hand while alerts still fire is a record: no « en cours », no flame, no button', () => {
    const incident = incidentWith(2);
    const checked = transition(
      incident,
      { type: 'check_triage', actor: 'U0ALICE', stepId: 'grafana-api-core' },
      T0 + 60_000,
    );
    if (checked.outcome !== 'changed') throw new Error('expected change');
    const resolved = transition(
      checked.incident,
      { type: 'resolve', actor: 'U0ALICE', resolution: { cause: 'c', summary: 's', customerImpact: 'i' } },
      T0 + 120_000,
    );
    if (resolved.outcome !== 'changed') throw new Error('expected change');
    const text = allText(card(resolved.incident).blocks);
    expect(resolved.incident.alertTally.firing).toBe(2);
    expect(text).toContain('*Routes touchées* : 2');
    expect(text).not.toContain('en cours');
    expect(text).not.toContain('🔥 `');
    expect(text).not.toContain('Décocher');
    expect(text).not.toContain('"type":"button"');
  });

  it('shows the three resolution fields even when each is as long as the modal allows', () => {
    const words = (c: string) => `${c.repeat(1_999)}&`;
    const resolved = transition(
      incidentWith(1),
      {
        type: 'resolve',
        actor: 'U0ALICE',
        resolution: { cause: words('c'), summary: words('s'), customerImpact: words('i') },
      },
      T0 + 120_000,
    );
    if (resolved.outcome !== 'changed') throw new Error('expected change');
    const sections = card(resolved.incident).blocks.flatMap((b) =>
      b.type === 'section' && b.text !== undefined ? [b.text.text] : [],
    );
    const resolution = sections.find((t) => t.startsWith('*Cause* :')) ?? '';
    expect(resolution.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(resolution).toContain(`*Cause* : ${'c'.repeat(899)}…`);
    expect(resolution).toContain(`*Résumé* : ${'s'.repeat(899)}…`);
    expect(resolution).toContain(`*Impact client* : ${'i'.repeat(899)}…`);
  });

  it('says the RTO deadline with how far it is, and in words once the card is rendered past it', () => {
    // The alerts started 2026-11-27 00:43:22 (the incident's start): RTO 4 h → 04:43:22.
    const incident = incidentWith(1);
    const deadline = Math.floor(Date.parse('2026-11-27T04:43:22.800Z') / 1000);
    const before = allText(card(incident, { now: T0 + 60 * 60_000 }).blocks);
    expect(before).toContain(
      `⏱️ RTO 4 h : remise en service avant <!date^${deadline}^{date_short_pretty} {time}|2026-11-27T04:43:22.800Z> (<!date^${deadline}^{ago}|dans 2 h 59 min>)`,
    );
    const after = allText(card(incident, { now: T0 + 6 * 3_600_000 }).blocks);
    expect(after).toContain(
      `⏱️ RTO 4 h dépassé : remise en service attendue avant <!date^${deadline}^{date_short_pretty} {time}|2026-11-27T04:43:22.800Z> (<!date^${deadline}^{ago}|il y a 2 h`,
    );
    expect(after).not.toContain('remise en service avant');
  });

  it('cuts a long note to a line on the card (the thread has it whole)', () => {
    const noted = transition(
      incidentWith(1),
      { type: 'add_note', actor: 'U0ALICE', text: 'n'.repeat(2_000) },
      T0 + 60_000,
    );
    if (noted.outcome !== 'changed') throw new Error('expected change');
    const text = allText(card(noted.incident).blocks);
    expect(text).toContain(`Note : ${'n'.repeat(199)}…`);
    expect(text).not.toContain('n'.repeat(200));
  });

  it('stays within Block Kit limits for 5,000 alerts and says how many more there are', () => {
    const { blocks } = card(incidentWith(5000));
    expectWithinLimits(blocks);
    expect(allText(blocks)).toMatch(/… et \d+ de plus/);
    expect(allText(blocks)).toContain('5000 en cours');
  });

  it('shows truncatedAlerts from Alertmanager', () => {
    const incident = { ...incidentWith(1), truncatedAlerts: 1234 };
    expect(allText(card(incident).blocks)).toContain('Alertmanager a tronqué 1234 alertes');
  });

  it('renders an unmapped alert on a generic card that says how to map it', () => {
    const unmapped = openWith(
      group([alert('u1')], { policy: policy({ runbookId: null, title: 'DiskFull', itemLabel: undefined }) }),
      'INC-8',
      T0,
    );
    const json = allText(card(unmapped, { runbook: undefined }).blocks);
    expect(json).toContain('Aucun runbook ne correspond');
    expect(json).not.toContain('Triage');
  });

  it('speaks English with LOCALE=en', () => {
    const { text, blocks } = card(incidentWith(1), { locale: 'en' });
    expect(text).toContain('🔥 Firing');
    expect(allText(blocks)).toContain('*Affected routes*: 1 firing');
  });

  it('escapes mrkdwn control characters coming from alerts', () => {
    const incident = openWith(
      group([alert('x', { path: '/a<b>&c', annotations: { summary: '<!channel> boom' } })]),
      'INC-9',
      T0,
    );
    const json = allText(card(incident).blocks);
    expect(json).toContain('/a&lt;b&gt;&amp;c');
    expect(json).toContain('&lt;!channel&gt; boom');
    expect(json).not.toContain('<!channel>');
  });
});

describe('mitigation buttons', () => {
  it('destructive ones are red with a red confirm; the others primary', () => {
    const buttons = card(incidentWith(1)).blocks.flatMap((b) =>
      b.type === 'section' && b.accessory?.type === 'button' ? [b.accessory] : [],
    );
    const style = (id: string) => buttons.find((b) => b.action_id === `incident.mitigate:${id}`)?.style;
    expect(style('rollback')).toBe('danger');
    expect(style('purge-failed-jobs')).toBe('danger');
    expect(style('circuit-breaker')).toBe('primary');
  });

  it('its confirm dialog names what the run will be given, from the first alert in card order, escaped', () => {
    const confirmOf = (incident: Incident) =>
      card(incident)
        .blocks.flatMap((b) => (b.type === 'section' && b.accessory?.type === 'button' ? [b.accessory] : []))
        .find((b) => b.action_id === 'incident.mitigate:rollback')?.confirm?.text.text;
    expect(confirmOf(incidentWith(1))).toBe(
      'Le dernier déploiement de backend-api (prod) sera annulé. À faire si régression applicative (< 15 min).',
    );
    const labels = { ...alert('x').labels, service: '<!channel> & co' };
    const hostile = openWith(group([alert('hostile', { labels })]), 'INC-8', T0);
    expect(confirmOf(hostile)).toBe(
      'Le dernier déploiement de &lt;!channel&gt; &amp; co (prod) sera annulé. À faire si régression applicative (< 15 min).',
    );
  });

  it('never says a mitigation twice: a description starting with its label shows only the rest', () => {
    const json = allText(card(incidentWith(1)).blocks);
    expect(json).toContain('*Rollback dernier déploiement* — si régression applicative (< 15 min).');
    expect(json).not.toContain('Rollback dernier déploiement* — Rollback dernier déploiement');
  });

  it('a rest that is only a parenthesis shows without it', () => {
    const calendar = set.runbooks.find((r) => r.id === 'calendar.queue');
    const json = allText(card(incidentWith(1), { runbook: calendar }).blocks);
    expect(json).toContain('*Relancer connecteur fautif* — `tools/retry_calendar_export.py`.');
    expect(json).not.toContain('— (');
  });
});

describe('a mitigation that already succeeded', () => {
  it('says « Relancer », and its confirm says who ran it and when', () => {
    const incident = incidentWith(1);
    incident.mitigations.rollback = [
      {
        number: 1,
        status: 'succeeded',
        by: 'U0ALICE',
        startedAt: T0,
        finishedAt: T0 + 2000,
        httpStatus: 200,
        durationMs: 2000,
        message: undefined,
      },
    ];
    const buttons = card(incident).blocks.flatMap((b) =>
      b.type === 'section' && b.accessory?.type === 'button' ? [b.accessory] : [],
    );
    const rollback = buttons.find((b) => b.action_id === 'incident.mitigate:rollback');
    expect(rollback?.text.text).toMatch(/^Relancer : /);
    // Rollback is destructive (runbook flag): red button, red confirm.
    expect(rollback?.style).toBe('danger');
    expect(rollback?.confirm?.style).toBe('danger');
    expect(rollback?.confirm?.text.text).toMatch(/^⚠️ Déjà lancée avec succès par <@U0ALICE> <!date\^/);
  });
});

describe('packSections', () => {
  it('keeps lines whole, sections within their size, the whole within its total, and says how many it holds', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i} ${'x'.repeat(400 + i * 10)}`);
    const { sections, shown } = packSections(lines, { sectionMax: 3000, totalMax: 9000 });
    expect(sections.length).toBeGreaterThan(1);
    expect(shown).toBeLessThan(30);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(3000);
    expect(sections.join('\n').length).toBeLessThanOrEqual(9000);
    expect(sections.join('\n').split('\n')).toEqual(lines.slice(0, shown));
  });

  it('holds at least one line, cutting only a line longer than a section alone', () => {
    const lines = ['a'.repeat(5000), 'b', 'c'.repeat(2990)];
    expect(packSections(lines, { sectionMax: 3000, totalMax: 4000 })).toEqual({
      sections: [`${'a'.repeat(2999)}…`, 'b'],
      shown: 2,
    });
    expect(packSections(['x'.repeat(100)], { sectionMax: 3000, totalMax: 10 }).shown).toBe(1);
  });

  it('weighs lines as asked (JSON size: escaped quotes count)', () => {
    const lines = Array.from({ length: 10 }, () => '"'.repeat(100));
    const json = packSections(lines, { sectionMax: 3000, totalMax: 1000 }, (l) => JSON.stringify(l).length);
    expect(json.shown).toBe(4);
    expect(packSections(lines, { sectionMax: 3000, totalMax: 1000 }).shown).toBe(9);
  });
});

describe('fitLines', () => {
  it('keeps whole lines and always leaves room for the "more" line', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const text = fitLines(lines, 500, (n) => `+${n} more`);
    expect(text.length).toBeLessThanOrEqual(500);
    const kept = text.split('\n');
    expect(kept.at(-1)).toBe(`+${100 - (kept.length - 1)} more`);
  });
});

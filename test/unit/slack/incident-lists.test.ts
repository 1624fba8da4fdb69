import { messages } from '../../../src/i18n';
import { runbookPolicy } from '../../../src/runbooks/incident-policy';
import type { Incident } from '../../../src/incidents/types';
import {
  renderIncidentList,
  renderStatus,
  renderHelp,
  renderWhichIncident,
} from '../../../src/slack/blocks/command-replies';
import { renderHomeView } from '../../../src/slack/blocks/home-view';
import { renderSloReply } from '../../../src/slack/blocks/slo-reply';
import { loadRunbooks } from '../../../src/runbooks/loader';
import path from 'node:path';
import { alert, group, openWith, policy } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:43:30Z');

function incident(n: number, service: string, title = 'Hausse des erreurs HTTP 5xx'): Incident {
  return openWith(
    group([alert(`fp${n}`)], {
      key: `k${n}`,
      groupLabels: { runbook: 'api.5xx', service },
      policy: policy({ title }),
    }),
    `INC-${n}`,
    T0 + n,
  );
}

const open = [incident(1, 'checkout'), incident(2, 'search'), incident(3, 'agenda', 'File calendrier')];
const lineOf = (text: string, id: string) => text.split('\n').find((l) => l.includes(`\`${id}\``)) ?? '';

describe('incident lists (/incident liste, App Home)', () => {
  it('/incident liste tells incidents of one runbook apart by the labels that differ', () => {
    const text = JSON.stringify(renderIncidentList(open, 'fr').blocks);
    const section = (renderIncidentList(open, 'fr').blocks[0] as { text: { text: string } }).text.text;
    expect(lineOf(section, 'INC-1')).toContain('Hausse des erreurs HTTP 5xx `service=checkout` — ');
    expect(lineOf(section, 'INC-2')).toContain('Hausse des erreurs HTTP 5xx `service=search` — ');
    expect(lineOf(section, 'INC-3')).toContain('File calendrier — ');
    expect(text).not.toContain('runbook=');
    expect(text).not.toContain('service=agenda');
  });

  it('says which words it was given, and how to narrow a list too long to show', () => {
    const filtered = renderIncidentList([open[0] as Incident], 'fr', { query: 'checkout <b>', among: open });
    expect(filtered.text).toContain('*1 incident ouvert pour « checkout &lt;b&gt; »*');
    // Still named by its service: it is told apart from the open incidents it was found among.
    expect(filtered.text).toContain('`INC-1` Hausse des erreurs HTTP 5xx `service=checkout`');
    expect(renderIncidentList([], 'fr', { query: 'zzz', among: open }).text).toBe(
      'Aucun incident ouvert ne correspond à « zzz ». `/incident liste` les montre tous.',
    );
    const many = Array.from({ length: 200 }, (_, n) => incident(n + 1, `svc-${n + 1}`));
    const text = renderIncidentList(many, 'fr').text;
    expect(text).toMatch(/… et \d+ de plus : `\/incident liste &lt;mots&gt;` les filtre/);
    expect(renderIncidentList(many, 'en').text).toMatch(
      /… and \d+ more: `\/incident list &lt;words&gt;` narrows it/,
    );
  });

  it('a storm’s list cut short hides warnings, never the SEV1 opened before them (list and App Home)', () => {
    const warnings = Array.from({ length: 120 }, (_, n) => ({
      ...incident(n + 10, `svc-${n + 10}`),
      severity: 'warning' as const,
    }));
    const sev1 = { ...incident(1, 'checkout'), severity: 'SEV1' as const };
    const all = [sev1, ...warnings];
    const listed = (renderIncidentList(all, 'fr').blocks[0] as { text: { text: string } }).text.text;
    expect(listed.split('\n')[1]).toContain('`INC-1`');
    const home = JSON.stringify(renderHomeView(all, 'fr', T0).blocks);
    expect(home.indexOf('`INC-1`')).toBeGreaterThan(0);
    expect(home.indexOf('`INC-1`')).toBeLessThan(home.indexOf('`INC-129`'));
    expect(home).not.toContain('`INC-10`');
  });

  it('/incident statut says what comes next: the escalation due and whom it reaches, by role name', async () => {
    const set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
    const runbook = set.runbooks.find((r) => r.id === 'api.5xx');
    if (runbook === undefined) throw new Error('api.5xx runbook missing');
    const opened = openWith(
      group([alert('fp1')], { policy: runbookPolicy(runbook, set.slo, undefined, messages('fr').policy) }),
      'INC-5',
      T0,
    );
    const roleNames = Object.fromEntries(Object.entries(set.contacts.roles).map(([id, r]) => [id, r.name]));
    const text = renderStatus(opened, runbook, 'fr', { roleNames, now: T0 }).text;
    expect(text).toMatch(
      /⏰ Escalade Tech Lead \+ On-call Backend le <!date\^\d+\^\{date_short_pretty\} \{time\}/,
    );
    expect(text).not.toMatch(/tech-lead|oncall-backend/);
  });

  it('« lequel ? » names ten incidents of a storm’s channel, in list order, and says how to find the others', () => {
    const many = Array.from({ length: 300 }, (_, n) => incident(n + 1, `svc-${n + 1}`));
    const text = renderWhichIncident(many, 'statut', 'fr').text;
    expect(text).toContain('(`INC-300`, `INC-299`');
    expect(text).toContain(
      '`INC-291`, et 290 autres : `/incident liste &lt;mots&gt;`) : lequel ? Par ex. `/incident statut INC-300`',
    );
    expect(text).not.toContain('INC-290`');
    const sev1 = { ...incident(1, 'a'), severity: 'SEV1' as const };
    expect(renderWhichIncident([sev1, ...many.slice(1, 3)], 'ack', 'en').text).toBe(
      'Several open incidents here (`INC-1`, `INC-3`, `INC-2`): which one? e.g. `/incident ack INC-1`',
    );
  });

  it('the help names an unknown subcommand as text in its code span', () => {
    expect(renderHelp('fr', { unknown: 'x`<!here>' }).text).toContain(
      'Sous-commande inconnue : `xˋ&lt;!here&gt;`.',
    );
  });

  it('« lequel ? » repeats what the person typed as text in its code span', () => {
    const two = [incident(1, 'a'), incident(2, 'b')];
    expect(renderWhichIncident(two, 'mitiger <!here>`x', 'fr').text).toContain(
      '`/incident mitiger &lt;!here&gt;ˋx INC-2`',
    );
  });

  it('a declared incident (no labels) is named by its summary, escaped', () => {
    const declared = { ...incident(9, 'x'), groupLabels: {}, summary: 'Panne totale <!here> sur checkout' };
    const text = renderIncidentList([...open, declared], 'fr').text;
    expect(lineOf(text, 'INC-9')).toContain(
      'Hausse des erreurs HTTP 5xx « Panne totale &lt;!here&gt; sur checkout » — ',
    );
    const home = renderHomeView([...open, declared], 'fr', T0)
      .blocks.filter((b) => b.type === 'section')
      .map((b) => (b as { text: { text: string } }).text.text);
    expect(home.find((t) => t.includes('`INC-9`'))).toContain(
      '*Hausse des erreurs HTTP 5xx* « Panne totale &lt;!here&gt; sur checkout »\n',
    );
  });

  it('/incident statut names the incident by its whole scope', () => {
    const text = renderStatus(open[0] as Incident, undefined, 'fr', { roleNames: {}, now: T0 }).text;
    expect(text).toContain('`INC-1` Hausse des erreurs HTTP 5xx `runbook=api.5xx` `service=checkout` — ');
  });

  it('/incident slo names the RTO deadline of each by what tells it apart', async () => {
    const set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
    const runbook = set.runbooks.find((r) => r.id === 'api.5xx');
    const reply = renderSloReply(
      {
        budget: undefined,
        unavailableReason: undefined,
        open: open.map((incident) => ({ incident, runbook })),
        now: T0,
      },
      'fr',
    );
    const section = (reply.blocks[0] as { text: { text: string } }).text.text;
    expect(lineOf(section, 'INC-1')).toContain('Hausse des erreurs HTTP 5xx `service=checkout` — RTO');
    expect(lineOf(section, 'INC-2')).toContain('Hausse des erreurs HTTP 5xx `service=search` — RTO');
    expect(lineOf(section, 'INC-3')).toContain('File calendrier — RTO');
  });

  it('the App Home does too', () => {
    const texts = renderHomeView(open, 'fr', T0)
      .blocks.filter((b) => b.type === 'section')
      .map((b) => (b as { text: { text: string } }).text.text);
    expect(texts.find((t) => t.includes('`INC-1`'))).toContain(
      '*Hausse des erreurs HTTP 5xx* `service=checkout`\n',
    );
    expect(texts.find((t) => t.includes('`INC-2`'))).toContain(
      '*Hausse des erreurs HTTP 5xx* `service=search`\n',
    );
    expect(texts.find((t) => t.includes('`INC-3`'))).toContain('*File calendrier*\n');
  });

  it('the App Home in a storm shows the latest forty and says how to find the others', () => {
    const many = Array.from({ length: 300 }, (_, n) => incident(n + 1, `svc-${n + 1}`));
    const view = renderHomeView(many, 'fr', T0);
    expect(JSON.stringify(view.blocks)).toContain(
      '… et 260 de plus : `/incident liste &lt;mots&gt;` les filtre',
    );
    expect(
      view.blocks.filter((b) => b.type === 'section' && JSON.stringify(b).includes('INC-')),
    ).toHaveLength(40);
  });
});

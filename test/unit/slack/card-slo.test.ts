import path from 'node:path';
import type { KnownBlock } from '@slack/types';
import { incidentStart } from '../../../src/incidents/alert-tally';
import type { Incident } from '../../../src/incidents/types';
import { loadRunbooks } from '../../../src/runbooks/loader';
import type { RunbookSet } from '../../../src/runbooks/loader';
import { sloBlocks } from '../../../src/slack/blocks/card-slo';
import type { CardContext } from '../../../src/slack/blocks/primitives';
import { alert, group, openWith } from '../../support/builders';

const MIN = 60_000;
const HOUR = 60 * MIN;
// The builders' alerts start at 00:43:22.8; the incident opens a few seconds later.
const T0 = Date.parse('2026-11-27T00:43:30Z');

let set: RunbookSet;
beforeAll(async () => {
  set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
});

function ctx(runbookId: string, now: number, locale: 'fr' | 'en' = 'fr'): CardContext {
  return {
    runbook: set.runbooks.find((r) => r.id === runbookId),
    urls: {},
    roleNames: {},
    followups: [],
    budget: null,
    locale,
    now,
    alerts: [],
  };
}

const opened = (): Incident => openWith(group([alert('fp-slo')]), 'INC-9', T0);
const resolvedAfter = (incident: Incident, ms: number): Incident => ({
  ...incident,
  status: 'resolved',
  resolvedAt: incidentStart(incident) + ms,
});

/** The one context block's lines. */
function lines(blocks: KnownBlock[]): string[] {
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (block?.type !== 'context') throw new Error(`expected a context block, got ${block?.type}`);
  return block.elements.map((e) => ('text' in e ? e.text : ''));
}

describe('sloBlocks (the card’s RTO and RPO lines)', () => {
  it('an open audit incident: how long its logs have gone unarchived, against the RPO', () => {
    const incident = opened();
    const start = incidentStart(incident);
    expect(lines(sloBlocks(incident, ctx('audit.job.failure', start + 3 * HOUR)))).toEqual([
      '🗄️ Journaux audit non archivés depuis 3 h (RPO 24 h)',
    ]);
    expect(lines(sloBlocks(incident, ctx('audit.job.failure', start + 25 * HOUR)))).toEqual([
      '🗄️ Journaux audit non archivés depuis 25 h (RPO 24 h) — RPO dépassé',
    ]);
  });

  it('a resolved audit incident: a verdict on the RPO, never « depuis » (nothing is still unarchived)', () => {
    const met = resolvedAfter(opened(), 90 * MIN);
    // Rendered long after: the figure is the incident's, not the time since.
    const later = incidentStart(met) + 30 * HOUR;
    expect(lines(sloBlocks(met, ctx('audit.job.failure', later)))).toEqual([
      '🗄️ RPO 24 h respecté (journaux audit non archivés pendant 1 h 30 min)',
    ]);
    const breached = resolvedAfter(opened(), 26 * HOUR);
    expect(lines(sloBlocks(breached, ctx('audit.job.failure', later)))).toEqual([
      '🗄️ RPO 24 h dépassé (journaux audit non archivés pendant 26 h)',
    ]);
    expect(lines(sloBlocks(breached, ctx('audit.job.failure', later, 'en')))).toEqual([
      '🗄️ RPO 24 h breached (audit logs went unarchived for 26 h)',
    ]);
  });

  it('api.5xx: the RTO deadline while open (a Slack date token), its verdict once resolved; no RPO', () => {
    const incident = opened();
    const start = incidentStart(incident);
    const [open] = lines(sloBlocks(incident, ctx('api.5xx', start + HOUR)));
    expect(open).toMatch(/^⏱️ RTO 4 h : remise en service avant <!date\^\d+\^/);
    expect(open).toContain('dans 3 h');
    const [late] = lines(sloBlocks(incident, ctx('api.5xx', start + 5 * HOUR)));
    expect(late).toMatch(/^⏱️ RTO 4 h dépassé : remise en service attendue avant <!date\^/);
    expect(late).toContain('il y a 1 h');
    expect(lines(sloBlocks(resolvedAfter(incident, 24 * MIN), ctx('api.5xx', start + HOUR)))).toEqual([
      '⏱️ RTO 4 h respecté (24 min)',
    ]);
  });

  it('a runbook without RTO, RPO or budget adds no block', () => {
    expect(sloBlocks(opened(), ctx('api.latency', T0 + HOUR))).toEqual([]);
  });
});

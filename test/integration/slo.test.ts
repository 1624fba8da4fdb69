import { monthOf } from '../../src/incidents/error-budget';
import { messages } from '../../src/i18n';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, responseTo, startHarness, threadOf, USERS } from '../support/harness';
import { runbooksWith } from '../support/runbooks';
import type { EmulatedMessage } from '../../src/sandbox/slack-emulator';

const formatDuration = messages('fr').duration;

const MIN = 60_000;

/** An api.5xx alert (one route) that started `ago` ms before `now`. */
function api5xxStartedAgo(ago: number, now = Date.now()): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as { alerts: Array<{ startsAt: string }> };
  body.alerts = body.alerts.slice(0, 1).map((a) => ({ ...a, startsAt: new Date(now - ago).toISOString() }));
  return JSON.stringify(body);
}

/** What the month can have consumed of `ago` (the test may run just after a month began). */
const withinMonth = (ago: number) => Math.min(ago, Date.now() - monthOf(Date.now()).start);

describe('SLOs on the cards and in /incident slo', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('shows the month’s error budget on availability cards only, with RTO and RPO where the runbook sets them', async () => {
    await h.postAlerts(api5xxStartedAgo(72 * MIN));
    await h.postAlerts(fixture('api-latency-firing'));
    await h.postAlerts(fixture('audit-job-failure-firing'));
    const api = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // Started 72 min before Vigie heard of it: the SLO file's lookback (1 h) is what the budget counts.
    const consumed = withinMonth(60 * MIN);
    const percent = Math.round((consumed / (216 * MIN)) * 100);
    await h.emulator.waitFor(
      () =>
        blockText(api).includes(
          `${formatDuration(consumed)} consommés sur 3 h 36 min (${percent} %) — ce mois`,
        ),
      5000,
      'budget on the api.5xx card',
    );
    expect(blockText(api)).toContain('RTO 4 h : remise en service avant <!date^');
    const latency = await cardIn(h, '#sre-alerts', 'Latence p95');
    expect(blockText(latency)).not.toContain("Budget d'erreur");
    const audit = await cardIn(h, '#sre-alerts', 'rétention audit');
    expect(blockText(audit)).toMatch(/Journaux audit non archivés depuis .* \(RPO 24 h\)/);
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(
      /vigie_error_budget_remaining_ratio 0\.\d+/,
    );
  });

  it('a new incident’s first card counts its own outage (not the month as it was before it opened)', async () => {
    const posted: string[] = [];
    h.emulator.on('message', (m: EmulatedMessage) => {
      if (m.threadTs === undefined && JSON.stringify(m.blocks).includes('HTTP 5xx'))
        posted.push(blockText(m));
    });
    await h.postAlerts(api5xxStartedAgo(10 * MIN));
    await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const consumed = withinMonth(10 * MIN);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain(
      `${formatDuration(consumed)} consommés sur 3 h 36 min (${Math.round((consumed / (216 * MIN)) * 100)} %)`,
    );
  });

  it('/incident slo gives the budget, burn rate, projection and RTO of open incidents', async () => {
    await h.postAlerts(api5xxStartedAgo(30 * MIN));
    await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const sent = await h.emulator.sendSlashCommand('/incident', { text: 'slo', userId: USERS.sre });
    const reply = JSON.stringify((await responseTo(h, sent.responseId)).body);
    expect(reply).toContain("Budget d'erreur");
    expect(reply).toContain('Vitesse de consommation');
    expect(reply).toContain('projection fin de mois');
    expect(reply).toContain('source : incidents Vigie');
    expect(reply).toMatch(/INC-1.*RTO avant/);
  });

  it('a responder’s corrected impact window replaces the firing time in the budget', async () => {
    await h.postAlerts(api5xxStartedAgo(100 * MIN));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.sendSlashCommand('/incident', { text: 'resoudre', userId: USERS.sre });
    const modal = await h.emulator.waitFor(
      () => h.emulator.state.views.find((v) => v.method === 'views.open'),
      5000,
      'modal',
    );
    const bad = await h.emulator.submitView(
      modal,
      { cause: 'c', summary: 's', impact: 'i', impact_start: 'hier', impact_end: '' },
      USERS.sre,
    );
    // Each problem under its own field, said precisely (the modal stays open, nothing resolved).
    const { errors } = JSON.parse(bad.body) as { errors: Record<string, string> };
    expect(errors.impact_start).toMatch(
      /^« hier » n'est pas une date et heure valides : AAAA-MM-JJ HH:MM, en UTC/,
    );
    expect(errors.impact_end).toBe('Il manque la fin : les deux heures, ou aucune.');
    expect(card.text).not.toContain('✅ Résolu');
    const start = new Date(Date.now() - 50 * MIN);
    const end = new Date(Date.now() - 30 * MIN);
    const fmt = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
    await h.emulator.submitView(
      modal,
      { cause: 'c', summary: 's', impact: 'i', impact_start: fmt(start), impact_end: fmt(end) },
      USERS.sre,
    );
    await h.emulator.waitFor(() => card.text.includes('✅ Résolu'), 5000, 'resolved');
    const figures = await h.vigie.slo.refresh();
    // The corrected window, the part of it in this month (the test may run just after a month began).
    const from = Math.max(Date.parse(`${fmt(start)}:00Z`), monthOf(Date.now()).start);
    const expected = Math.max(0, Date.parse(`${fmt(end)}:00Z`) - from);
    expect(figures?.consumedMs).toBe(expected);
    // The figure went down (100 min of alerts became a 20-minute window): the thread says why.
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes("Fenêtre d'impact corrigée : du <!date^")),
      5000,
      'the correction in the thread',
    );
  });
});

describe('« SLA menacé » feeds the SEV1 escalation of api.5xx', () => {
  it('raises SEV1 when the SLO file’s rule says the budget is threatened', async () => {
    // An outage Alertmanager says began 3 h ago, and a lookback that lets the budget count all of it.
    const dir = await runbooksWith({ 'slo.yml': [['start_lookback_max: 1h', 'start_lookback_max: 4h']] });
    const h = await startHarness({ slaRule: true, runbooksDir: dir });
    try {
      await h.postAlerts(api5xxStartedAgo(3 * 60 * MIN));
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      await h.emulator.waitFor(() => card.text.startsWith('[SEV1]'), 5000, 'SEV1');
      expect(blockText(card)).toContain('SLA menacé');
      const incident = await h.store.incidents.get('INC-1');
      expect(incident?.escalations.map((e) => e.stepId)).toContain('sev1');
    } finally {
      await h.close();
    }
  });

  it('an api.5xx outside the SLO’s scope (env=staging) never consumes the budget nor raises SEV1', async () => {
    const dir = await runbooksWith({ 'slo.yml': [['start_lookback_max: 1h', 'start_lookback_max: 4h']] });
    const h = await startHarness({ slaRule: true, runbooksDir: dir });
    try {
      const body = JSON.parse(api5xxStartedAgo(3 * 60 * MIN)) as {
        alerts: Array<{ labels: Record<string, string> }>;
      };
      for (const a of body.alerts) a.labels.env = 'staging';
      await h.postAlerts(JSON.stringify(body));
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      const figures = await h.vigie.slo.refresh();
      expect(figures?.consumedMs).toBe(0);
      expect(figures?.threatened).toBe(false);
      // Witness that the card was rendered after the budget was computed: it shows the RTO line, not the budget.
      await h.emulator.waitFor(() => blockText(card).includes('RTO 4 h'), 5000, 'the RTO on the card');
      expect(blockText(card)).not.toContain("Budget d'erreur");
      const incident = await h.store.incidents.get('INC-1');
      expect(incident?.severity).toBe('SEV2');
      expect(incident?.policy.consumesBudget).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe('« SLA menacé » in a month’s first hours', () => {
  /** A clock that reads `iso` now and runs on from there. */
  const clockFrom = (iso: string) => {
    const offset = Date.parse(iso) - Date.now();
    return { now: () => Date.now() + offset };
  };

  /** A 3-minute api.5xx outage on 1 December at 01:10 UTC (the month is 70 minutes old). */
  async function outageAtMonthStart(minHistory: string): Promise<{ h: Harness; card: EmulatedMessage }> {
    const dir = await runbooksWith({
      'slo.yml': [['projection_min_history: 7d', `projection_min_history: ${minHistory}`]],
    });
    const clock = clockFrom('2026-12-01T01:10:00Z');
    const h = await startHarness({ slaRule: true, runbooksDir: dir, clock });
    await h.postAlerts(api5xxStartedAgo(3 * MIN, clock.now()));
    return { h, card: await cardIn(h, '#sre-alerts', 'HTTP 5xx') };
  }

  it('counts the month’s pace over 7 days: 3 minutes of outage raise no SEV1, and /incident slo says why', async () => {
    const { h, card } = await outageAtMonthStart('7d');
    try {
      // Witness that the rule was checked: the card shows the figure it was checked on, computed.
      await h.emulator.waitFor(
        () => /3 min consommés sur 3 h 36 min .* calculé à/.test(blockText(card)),
        5000,
        'the budget with the outage on the card',
      );
      expect(blockText(card)).not.toContain('SLA menacé');
      expect(card.text.startsWith('[SEV1]')).toBe(false);
      const incident = await h.store.incidents.get('INC-1');
      expect(incident?.escalations.map((e) => e.stepId)).not.toContain('sev1');
      const sent = await h.emulator.sendSlashCommand('/incident', { text: 'slo', userId: USERS.sre });
      const reply = JSON.stringify((await responseTo(h, sent.responseId)).body);
      expect(reply).toContain('rythme compté sur 7 j en début de mois');
    } finally {
      await h.close();
    }
  });

  it('counted over the month’s 70 minutes alone, the same 3 minutes projected a breach and raised SEV1', async () => {
    const { h, card } = await outageAtMonthStart('0s');
    try {
      await h.emulator.waitFor(() => card.text.startsWith('[SEV1]'), 5000, 'SEV1');
      expect(blockText(card)).toContain('SLA menacé');
    } finally {
      await h.close();
    }
  });
});

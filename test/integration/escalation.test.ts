import { OpsStandIn } from '../support/ops-standin';
import type { Harness } from '../support/harness';
import {
  api5xxFiringFor,
  blockText,
  cardIn,
  fixture,
  startHarness,
  threadOf,
  USERS,
  threeRoutesFiring,
} from '../support/harness';
import { runbooksWith, SHORT_DEADLINES } from '../support/runbooks';
import { SmtpStandIn } from '../support/smtp-standin';
import { uniquePrefix } from '../support/env';
import { drained, until } from '../support/waiting';
import { OUTBOX_QUEUE, TIMER_QUEUE } from '../../src/escalation/work-items';
import type { PdEvent } from '../support/pagerduty-event';

// The runbook's channels at open email too (outbound.test.ts covers them): these tests watch escalations.
const escalationMails = (smtp: SmtpStandIn) =>
  smtp.mails.filter((m) => !m.subject.includes('Nouvel incident'));

describe('escalation engine (deadlines of seconds)', () => {
  const pagerduty = new OpsStandIn(202);
  const smtp = new SmtpStandIn();
  let dir: string;
  let h: Harness;
  // The runbook's channels at open page and email too: test/integration/outbound.test.ts covers them.
  const events = () =>
    pagerduty.requests
      .map((r) => r.body as PdEvent)
      .filter((e) => !e.dedup_key.includes(':runbook-channels:'));

  beforeAll(async () => {
    dir = await runbooksWith(SHORT_DEADLINES);
    await pagerduty.start();
    await smtp.start();
  });
  afterAll(async () => {
    await pagerduty.stop();
    await smtp.stop();
  });
  beforeEach(async () => {
    pagerduty.requests.length = 0;
    smtp.mails.length = 0;
    h = await startHarness({
      runbooksDir: dir,
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
      smtpUrl: smtp.url,
    });
  });
  afterEach(() => h.close());

  it('api.5xx: shows the next deadline, pages Tech Lead + On-call Backend once, announces it, and mirrors ack and resolve', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // The deadline with its date and how far it is (Slack date tokens), never a bare time of day.
    expect(blockText(card)).toMatch(
      /⏰ Escalade Tech Lead \+ On-call Backend le <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> \(<!date\^\d+\^\{ago\}\|dans \d+ s>\)/,
    );
    await h.emulator.waitFor(() => events().length === 2, 6000, 'two pages');
    expect(
      events()
        .map((e) => [e.routing_key, e.event_action, e.dedup_key])
        .sort(),
    ).toEqual([
      ['rk-oncall-backend', 'trigger', 'vigie:INC-1:tech-lead:1'],
      ['rk-tech-lead', 'trigger', 'vigie:INC-1:tech-lead:1'],
    ]);
    expect(events()[0]?.payload?.severity).toBe('error');
    // Each page links to the card (built from the workspace's address: no call to Slack while paging).
    const cardLink = `https://jmd-sandbox.slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}`;
    expect(events().map((e) => e.links)).toEqual([
      [{ href: cardLink, text: "Carte de l'incident dans Slack" }],
      [{ href: cardLink, text: "Carte de l'incident dans Slack" }],
    ]);
    const message = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-escalations')[0],
      3000,
      'escalation message',
    );
    expect(message.text).toContain('<!subteam^S0TECHLEAD1> <!subteam^S0ONCALLBE1>');
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes('Escalade transmise')),
      5000,
      'delivery in thread',
    );
    expect(escalationMails(smtp)).toEqual([]);

    await h.emulator.clickButton(card, 'incident.ack', USERS.techLead);
    await h.emulator.waitFor(
      () => events().some((e) => e.event_action === 'acknowledge'),
      5000,
      'PagerDuty acknowledge',
    );
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));
    await h.emulator.waitFor(
      () => events().filter((e) => e.event_action === 'resolve').length === 2,
      5000,
      'PagerDuty resolve',
    );
    expect(new Set(events().map((e) => e.dedup_key))).toEqual(new Set(['vigie:INC-1:tech-lead:1']));
    // Every delivery done, none waiting to retry: no trigger can follow.
    await drained(h.store.queue(OUTBOX_QUEUE), 'the outbox');
    expect(events().filter((e) => e.event_action === 'trigger')).toHaveLength(2);
  });

  it('resolved before the deadline: no page, nothing in the escalation channel', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));
    // Resolution cancelled the phase's timers in the same write: nothing is left to fire (a timer
    // claimed before the resolution, such as the opening notification, finishes first).
    const timers = h.store.queue(TIMER_QUEUE);
    await until(async () => (await timers.counts()).leased === 0, 'the claimed timers to finish');
    expect(await timers.counts()).toEqual({ due: 0, leased: 0 });
    // What those timers handed over (the opening's channels) is delivered too: nothing else can be sent.
    await drained(h.store.queue(OUTBOX_QUEUE), 'the outbox');
    expect(events()).toEqual([]);
    expect(h.emulator.messagesIn('#sre-escalations')).toEqual([]);
  });

  it('raises SEV1 when three routes or more fail (SLA threatened), on the card', async () => {
    await h.postAlerts(threeRoutesFiring());
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.waitFor(() => card.text.startsWith('[SEV1]'), 3000, 'SEV1 on the card');
    expect((await h.store.incidents.get('INC-1'))?.severity).toBe('SEV1');
    await h.emulator.waitFor(
      () => events().some((e) => e.dedup_key === 'vigie:INC-1:sev1:1' && e.payload?.severity === 'critical'),
      3000,
      'SEV1 page',
    );
  });

  it('PagerDuty answering 429 then 202: retried, one page', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    // The opening page goes first; the step's pages meet the 429.
    await h.emulator.waitFor(() => pagerduty.requests.length === 1, 6000, 'the opening page');
    pagerduty.script('/v2/enqueue', { status: 429, body: { status: 'throttled' } }, 1);
    await h.emulator.waitFor(() => events().length === 3, 6000, 'two pages, one retried');
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes(': envoyé après 2 essais')),
      5000,
      'retry shown',
    );
    expect(escalationMails(smtp)).toEqual([]);
  });

  it('PagerDuty answering 400: not retried, failure shown, email and Slack mention as fallback', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    await h.emulator.waitFor(() => pagerduty.requests.length === 1, 6000, 'the opening page');
    pagerduty.script(
      '/v2/enqueue',
      { status: 400, body: { status: 'invalid event', errors: ['routing_key invalid'] } },
      2,
    );
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.waitFor(() => escalationMails(smtp).length === 1, 6000, 'fallback email');
    expect(events()).toHaveLength(2);
    expect(escalationMails(smtp)[0]?.to.sort()).toEqual([
      'oncall-backend@jmd.example',
      'tech-lead@jmd.example',
    ]);
    expect(escalationMails(smtp)[0]?.subject).toContain('[Vigie] Escalade INC-1 (SEV2)');
    expect(escalationMails(smtp)[0]?.body).toContain('Échéance dépassée');
    expect(escalationMails(smtp)[0]?.body).toContain(
      `Fil Slack : https://jmd-sandbox.slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}`,
    );
    await h.emulator.waitFor(
      () =>
        h.emulator
          .messagesIn('#sre-escalations')
          .some((m) => m.text.includes("PagerDuty n'a pas pu joindre Tech Lead, On-call Backend")),
      3000,
      'fallback mention',
    );
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some((m) =>
          blockText(m).includes('PagerDuty Tech Lead : échec (PagerDuty a refusé : HTTP 400'),
        ),
      3000,
      'failure in thread',
    );
  });
});

describe('escalation with PagerDuty unreachable, and the other runbooks', () => {
  const smtp = new SmtpStandIn();
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = await runbooksWith(SHORT_DEADLINES);
    await smtp.start();
  });
  afterAll(() => smtp.stop());
  beforeEach(async () => {
    smtp.mails.length = 0;
    h = await startHarness({ runbooksDir: dir, smtpUrl: smtp.url });
  });
  afterEach(() => h.close());

  it('falls back to email and a Slack mention, and says so in the thread', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // After PagerDuty's retries (1 s, 2 s, 4 s: production values).
    await h.emulator.waitFor(() => escalationMails(smtp).length === 1, 15_000, 'fallback email');
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some(
          (m) =>
            blockText(m).includes('email tech-lead@jmd.example') && blockText(m).includes('envoyé (repli)'),
        ),
      5000,
      'fallback in thread',
    );
    // The thread also says why: PagerDuty could not be reached.
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes('PagerDuty injoignable')),
      5000,
      'the PagerDuty failure in the thread',
    );
  });

  it('audit.job.failure: the DPO by email and direct message after the RPO; an incident report is required', async () => {
    await h.postAlerts(fixture('audit-job-failure-firing'));
    const card = await cardIn(h, '#sre-alerts', 'rétention audit');
    await h.emulator.waitFor(
      () => escalationMails(smtp).some((m) => m.to.includes('dpo@jmd.example')),
      6000,
      'DPO email',
    );
    const dm = await h.emulator.waitFor(
      () => h.emulator.messagesIn('dm-U0DPO000001')[0],
      3000,
      'DPO direct message',
    );
    expect(dm.text).toContain('INC-1');
    await h.emulator.waitFor(
      () => blockText(card).includes("Rapport d'incident requis"),
      3000,
      'flag on card',
    );
  });

  it('calendar.queue: Integrations + support after continuous failure, then the customer-information prompt', async () => {
    await h.postAlerts(fixture('calendar-queue-firing'));
    const card = await cardIn(h, '#integrations', 'Exports ICS');
    await h.emulator.waitFor(
      () =>
        h.emulator
          .messagesIn('#sre-escalations')
          .some((m) => m.text.includes('<!subteam^S0INTEGR001> <!subteam^S0SUPPORT01>')),
      6000,
      'integrations + support',
    );
    await h.emulator.waitFor(
      () => escalationMails(smtp).some((m) => m.to.includes('integrations@jmd.example')),
      3000,
      'email',
    );
    await h.emulator.waitFor(
      () => blockText(card).includes('Informer les clients impactés'),
      6000,
      'customer prompt',
    );
  });

  it('api.latency: the « Cause infra » button notifies DevOps, once', async () => {
    await h.postAlerts(fixture('api-latency-firing'));
    const card = await cardIn(h, '#sre-alerts', 'Latence p95');
    expect(blockText(card)).toContain('Cause infra (CPU > 80 %, DB saturée)');
    await h.emulator.clickButton(card, 'incident.escalate:devops-infra', USERS.sre);
    await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-escalations').some((m) => m.text.includes('<!subteam^S0DEVOPS001>')),
      5000,
      'DevOps called',
    );
    await h.emulator.waitFor(
      () => escalationMails(smtp).some((m) => m.to.includes('devops@jmd.example')),
      3000,
      'DevOps email',
    );
    await h.emulator.waitFor(
      () => !blockText(card).includes('incident.escalate:devops-infra'),
      3000,
      'button gone',
    );
  });
});

describe('the plan is frozen when the incident opens', () => {
  it('a runbook edited (and Vigie restarted) later does not move a running incident’s deadline', async () => {
    const prefix = uniquePrefix('frozen');
    const pagerduty = new OpsStandIn(202);
    await pagerduty.start();
    const slow = await runbooksWith({ 'api.5xx.yml': [['when: { after: 15m }', 'when: { after: 1h }']] });
    const first = await startHarness({
      runbooksDir: slow,
      redisPrefix: prefix,
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
    });
    await first.postAlerts(fixture('api-5xx-firing-two-routes'));
    await first.close();
    const fast = await runbooksWith({ 'api.5xx.yml': [['when: { after: 15m }', 'when: { after: 1s }']] });
    const second = await startHarness({
      runbooksDir: fast,
      redisPrefix: prefix,
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
    });
    try {
      // The witness: an incident opened now, under the edited runbook, is paged after 1 s; INC-1 opened
      // earlier, so the engine has passed the moment its step would have been due had the edit moved it.
      await second.postAlerts(api5xxFiringFor('witness'));
      const dedupKeys = () => pagerduty.requests.map((r) => (r.body as PdEvent).dedup_key);
      await until(
        () => dedupKeys().includes('vigie:INC-2:tech-lead:1'),
        'the witness incident paged',
        10_000,
      );
      expect(dedupKeys().filter((key) => key.startsWith('vigie:INC-1:'))).toEqual([
        'vigie:INC-1:runbook-channels:1',
      ]);
      const incident = await second.store.incidents.get('INC-1');
      expect(incident?.policy.escalation.find((s) => s.id === 'tech-lead')?.trigger).toEqual({
        kind: 'after',
        afterMs: 3_600_000,
      });
    } finally {
      await second.close();
      await pagerduty.stop();
    }
  });
});

describe('the watchdog', () => {
  it('reports timers overdue by more than a minute: log, metric and a message in the escalation channel', async () => {
    const h = await startHarness();
    try {
      // A timer nobody claimed for two minutes (as if no replica had been running).
      await h.vigie.escalation.stop();
      await h.store.queue(TIMER_QUEUE).schedule('INC-404|tech-lead|1', Date.now() - 120_000);
      await h.vigie.escalation.watch();
      const message = await h.emulator.waitFor(
        () => h.emulator.messagesIn('#sre-escalations')[0],
        3000,
        'watchdog message',
      );
      expect(message.text).toContain("1 échéance d'escalade en retard");
      expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(/vigie_escalation_timers_overdue 1/);
      expect(h.logs().join('')).toContain('timers overdue by more than a minute');
    } finally {
      await h.close();
    }
  });
});

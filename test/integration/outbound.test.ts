import type { Harness } from '../support/harness';
import {
  api5xxFiringFor,
  blockText,
  cardIn,
  fixture,
  startHarness,
  threadOf,
  USERS,
} from '../support/harness';
import { OpsStandIn } from '../support/ops-standin';
import { runbooksWith, SHORT_DEADLINES } from '../support/runbooks';
import { THREAD_WORTHY } from '../../src/incidents/types';
import { SmtpStandIn } from '../support/smtp-standin';
import { OUTBOX_QUEUE } from '../../src/escalation/work-items';
import { drained, until } from '../support/waiting';
import type { PdEvent } from '../support/pagerduty-event';

/** An api.5xx alert of its own service: one incident per service. */
describe('outbound: the runbook channels at open, one delivery per target', () => {
  const pagerduty = new OpsStandIn(202);
  const smtp = new SmtpStandIn();
  let dir: string;
  let h: Harness;
  const pdEvents = () => pagerduty.requests.map((r) => r.body as PdEvent);
  const openingOf = async (runbook: string) => {
    const incident = (await h.store.incidents.listOpenedSince(0)).find((i) => i.policy.runbookId === runbook);
    return incident?.escalations.find((e) => e.stepId === 'runbook-channels');
  };

  beforeAll(async () => {
    dir = await runbooksWith(SHORT_DEADLINES);
    await pagerduty.start();
    await smtp.start();
  });
  afterAll(async () => {
    await pagerduty.stop();
    await smtp.stop();
  });
  beforeEach(() => {
    pagerduty.requests.length = 0;
    pagerduty.unscript();
    smtp.mails.length = 0;
  });
  afterEach(() => h.close());

  it("reaches each seed runbook's channels exactly once at open, and mirrors acknowledge and resolve to PagerDuty", async () => {
    h = await startHarness({ pagerdutyUrl: `${pagerduty.url}/v2/enqueue`, smtpUrl: smtp.url });
    for (const name of [
      'api-5xx-firing-two-routes',
      'api-latency-firing',
      'calendar-queue-firing',
      'audit-job-failure-firing',
    ])
      expect((await h.postAlerts(fixture(name))).status).toBe(200);
    // Witness that every opening delivery ended: each item's result is on its incident.
    const expectedItems: Record<string, number> = {
      'api.5xx': 2,
      'api.latency': 1,
      'calendar.queue': 1,
      'audit.job.failure': 2,
    };
    for (const [runbook, items] of Object.entries(expectedItems)) {
      await until(
        async () => ((await openingOf(runbook))?.deliveries ?? []).length >= items,
        `opening deliveries of ${runbook} recorded`,
      );
      expect((await openingOf(runbook))?.deliveries?.every((d) => d.outcome === 'sent')).toBe(true);
    }
    const triggers = pdEvents().filter((e) => e.event_action === 'trigger');
    expect(triggers.map((e) => [e.routing_key, e.dedup_key.replace(/INC-\d+/, 'INC')]).sort()).toEqual([
      ['rk-oncall-backend', 'vigie:INC:runbook-channels:1'],
      ['rk-oncall-backend', 'vigie:INC:runbook-channels:1'],
    ]);
    expect(triggers.every((e) => e.payload?.severity === 'error')).toBe(true);
    expect(
      triggers.every((e) =>
        e.payload?.summary.endsWith('— Ouverture : canaux du runbook (PagerDuty SEV2 + email)'),
      ),
    ).toBe(true);
    const opened = smtp.mails.filter((m) => m.subject.startsWith('[Vigie] Nouvel incident'));
    expect(opened.map((m) => m.to.join(',')).sort()).toEqual([
      'backend@jmd.example',
      'data-compliance@jmd.example',
      'noc@jmd.example',
      'support-ops@jmd.example',
    ]);
    expect(smtp.mails).toHaveLength(4);

    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const api5xx = (await h.store.incidents.listOpenedSince(0)).find((i) => i.policy.runbookId === 'api.5xx');
    const key = `vigie:${api5xx?.id ?? '?'}:runbook-channels:1`;
    const page = triggers.find((e) => e.dedup_key === key);
    // The page and the email say which service: every api.5xx incident has the runbook's title.
    expect(page?.payload?.summary).toBe(
      `[SEV2] ${api5xx?.id ?? '?'} Hausse des erreurs HTTP 5xx sur l'API (service=backend-api, env=prod) — Ouverture : canaux du runbook (PagerDuty SEV2 + email)`,
    );
    // PagerDuty's source is where the trouble is, its class the runbook (not "vigie" on every page).
    expect(page?.payload?.source).toBe('service=backend-api, env=prod');
    expect(page?.payload?.class).toBe('api.5xx');
    expect(page?.payload?.custom_details).toMatchObject({
      runbook: 'api.5xx',
      'label:service': 'backend-api',
      'label:env': 'prod',
    });
    const noc = opened.find((m) => m.to.includes('noc@jmd.example'));
    expect(noc?.subject).toBe(
      `[Vigie] Nouvel incident ${api5xx?.id ?? '?'} (SEV2) — Hausse des erreurs HTTP 5xx sur l'API (service=backend-api, env=prod)`,
    );
    await h.emulator.clickButton(card, 'incident.ack', USERS.sre);
    await h.emulator.waitFor(
      () => pdEvents().some((e) => e.event_action === 'acknowledge' && e.dedup_key === key),
      5000,
      'acknowledge mirrored',
    );
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));
    await h.emulator.waitFor(
      () => pdEvents().some((e) => e.event_action === 'resolve' && e.dedup_key === key),
      5000,
      'resolve mirrored',
    );
    expect(
      pdEvents()
        .filter((e) => e.dedup_key === key)
        .map((e) => e.event_action),
    ).toEqual(['trigger', 'acknowledge', 'resolve']);
    // An acknowledge or resolve names the page by its key alone: PagerDuty takes no payload with it.
    const followUps = pdEvents().filter((e) => e.dedup_key === key && e.event_action !== 'trigger');
    expect(followUps.map((e) => Object.keys(e).sort())).toEqual([
      ['dedup_key', 'event_action', 'routing_key'],
      ['dedup_key', 'event_action', 'routing_key'],
    ]);
  });

  it('an English deployment words the opening step it freezes on the incident in English, on the page too', async () => {
    h = await startHarness({ pagerdutyUrl: `${pagerduty.url}/v2/enqueue`, smtpUrl: smtp.url, locale: 'en' });
    expect((await h.postAlerts(fixture('api-5xx-firing-two-routes'))).status).toBe(200);
    await until(
      async () => ((await openingOf('api.5xx'))?.deliveries ?? []).length >= 2,
      'opening deliveries of api.5xx recorded',
    );
    const [trigger] = pdEvents().filter((e) => e.event_action === 'trigger');
    expect(trigger?.payload?.summary).toMatch(/— Opening: runbook channels \(PagerDuty SEV2 \+ email\)$/);
    const [incident] = await h.store.incidents.listOpenedSince(0);
    expect(incident?.policy.escalation[0]?.description).toBe(
      'Opening: runbook channels (PagerDuty SEV2 + email)',
    );
  });

  it('escalation channel answering 503: pages and emails leave on time, the Slack message follows once it recovers', async () => {
    h = await startHarness({
      runbooksDir: dir,
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
      smtpUrl: smtp.url,
    });
    h.emulator.failNext('chat.postMessage', { status: 503 }, 10_000, '#sre-escalations');
    const postedAt = Date.now();
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    // The tech-lead step is due 2 s after opening.
    await h.emulator.waitFor(
      () => pdEvents().filter((e) => e.dedup_key.includes(':tech-lead:')).length === 2,
      6000,
      'the two tech-lead pages',
    );
    const paged = Math.max(
      ...pagerduty.requests.filter((r) => JSON.stringify(r.body).includes(':tech-lead:')).map((r) => r.at),
    );
    expect(paged - postedAt).toBeLessThan(4000);
    expect(h.emulator.messagesIn('#sre-escalations')).toEqual([]);
    h.emulator.clearFaults();
    const message = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-escalations')[0],
      35_000,
      'the escalation message after recovery',
    );
    expect(message.text).toContain('<!subteam^S0TECHLEAD1>');
    expect(pdEvents().filter((e) => e.dedup_key.includes(':tech-lead:'))).toHaveLength(2);
  }, 60_000);

  it('escalation channel not found: pages leave, the failure is said in the thread, the message is not retried', async () => {
    h = await startHarness({ runbooksDir: dir, pagerdutyUrl: `${pagerduty.url}/v2/enqueue` });
    h.emulator.failNext('chat.postMessage', { error: 'channel_not_found' }, 1, '#sre-escalations');
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some((m) =>
          blockText(m).includes('Slack #sre-escalations : échec (canal introuvable)'),
        ),
      8000,
      'the failure in the thread',
    );
    expect(pdEvents().filter((e) => e.dedup_key.includes(':tech-lead:'))).toHaveLength(2);
    const calls = h.emulator.state.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.error === 'channel_not_found',
    );
    expect(calls).toHaveLength(1);
    expect(h.emulator.messagesIn('#sre-escalations')).toEqual([]);
  });

  it('PagerDuty answering 401: not retried, failure in the thread, one fallback email and one mention', async () => {
    h = await startHarness({
      runbooksDir: dir,
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
      smtpUrl: smtp.url,
    });
    pagerduty.script('/v2/enqueue', { status: 401, body: { message: 'invalid routing key' } }, 100);
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.waitFor(
      () =>
        h.emulator.messagesIn('#sre-escalations').filter((m) => m.text.includes("PagerDuty n'a pas pu"))
          .length === 2,
      8000,
      'one fallback mention per step (opening and tech-lead)',
    );
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes('HTTP 401')),
      5000,
      'failure in the thread',
    );
    await until(() => Promise.resolve(smtp.mails.length === 3), 'three emails');
    // One request per role and step: opening (on-call) + tech-lead step (tech lead, on-call).
    expect(pagerduty.requests).toHaveLength(3);
    const fallbacks = smtp.mails.map((m) => [m.subject.split(' ')[1], m.to.sort().join(',')]);
    expect(fallbacks.sort()).toEqual([
      ['Escalade', 'oncall-backend@jmd.example,tech-lead@jmd.example'],
      ['Nouvel', 'noc@jmd.example'],
      ['Nouvel', 'oncall-backend@jmd.example'],
    ]);
  });

  it('six concurrent escalations with PagerDuty down: one fallback email per step and recipient, one mention per step', async () => {
    h = await startHarness({
      runbooksDir: dir,
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
      smtpUrl: smtp.url,
    });
    pagerduty.script('/v2/enqueue', { status: 503 }, 10_000);
    const services = Array.from({ length: 6 }, (_, i) => `svc-${i}`);
    await Promise.all(services.map((s) => h.postAlerts(api5xxFiringFor(s))));
    const mentions = () =>
      h.emulator.messagesIn('#sre-escalations').filter((m) => m.text.includes("PagerDuty n'a pas pu"));
    await h.emulator.waitFor(
      () => mentions().length === 12,
      30_000,
      '12 fallback mentions (6 incidents × 2 steps)',
    );
    await until(async () => {
      const incidents = await h.store.incidents.listOpen();
      return incidents.every((i) =>
        i.escalations.every((e) => (e.deliveries ?? []).some((d) => d.item === 'fallback_email:*')),
      );
    }, 'fallback emails recorded');
    // One escalation message per incident besides the mentions: Slack's 1 message/s in the channel spreads them.
    await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-escalations').length >= 18,
      15_000,
      '18 messages in the escalation channel',
    );
    // Every delivery done, none waiting to retry: nothing else is coming to the channel.
    await drained(h.store.queue(OUTBOX_QUEUE), 'the outbox', 15_000);
    expect(h.emulator.messagesIn('#sre-escalations')).toHaveLength(18);
    const byRecipientAndSubject = new Map<string, number>();
    for (const mail of smtp.mails)
      for (const to of mail.to) {
        const key = `${mail.subject}|${to}`;
        byRecipientAndSubject.set(key, (byRecipientAndSubject.get(key) ?? 0) + 1);
      }
    expect([...byRecipientAndSubject.values()].every((n) => n === 1)).toBe(true);
    // Per incident: the NOC at open, on-call as the opening's fallback, tech lead + on-call as the step's.
    expect(smtp.mails).toHaveLength(18);
  }, 60_000);

  it("a new incident's card is posted within 2 s while 100 card updates wait for Slack's budget", async () => {
    // 34 new incidents per runbook within the test: the runbooks allow that many cards a minute (no digest).
    const channels = await runbooksWith({
      'api.5xx.yml': [["slack: ['#sre-alerts']", "slack: ['#sre-alerts']\n  cards_per_minute: 60"]],
      'calendar.queue.yml': [
        ["slack: ['#integrations']", "slack: ['#integrations']\n  cards_per_minute: 60"],
      ],
      'audit.job.failure.yml': [
        ["slack: ['#sre-alerts']", "slack: ['#data-compliance']\n  cards_per_minute: 60"],
      ],
    });
    h = await startHarness({ runbooksDir: channels });
    const fixtures = ['api-5xx-firing-two-routes', 'calendar-queue-firing', 'audit-job-failure-firing'];
    const bodyFor = (name: string, service: string) => {
      const body = JSON.parse(fixture(name)) as {
        alerts: Array<{ fingerprint: string; labels: Record<string, string> }>;
      };
      body.alerts = body.alerts
        .slice(0, 1)
        .map((a) => ({ ...a, fingerprint: `fp-${service}`, labels: { ...a.labels, service } }));
      return JSON.stringify(body);
    };
    for (let i = 0; i < 102; i += 1)
      expect((await h.postAlerts(bodyFor(fixtures[i % 3] ?? '', `busy-${i}`))).status).toBe(200);
    // The incidents' own cards (escalation messages in #sre-escalations are not cards).
    const cards = () =>
      ['#sre-alerts', '#integrations', '#data-compliance'].flatMap((c) => h.emulator.messagesIn(c));
    await h.emulator.waitFor(
      () => cards().length >= 102,
      60_000,
      '102 cards (about one a second per channel)',
    );
    // 100 changes at once: 100 card updates (chat.update: ~50 a minute for the workspace) and thread replies.
    const open = (await h.store.incidents.listOpen()).slice(0, 100);
    await Promise.all(
      open.map((incident) =>
        h.vigie.service.execute(incident.id, {
          type: 'add_note',
          actor: USERS.sre,
          text: `backlog ${incident.id}`,
        }),
      ),
    );
    const queued = await h.store.cardSync.counts();
    expect(queued.due + queued.leased).toBeGreaterThanOrEqual(100);
    const alertedAt = Date.now();
    expect((await h.postAlerts(bodyFor('calendar-queue-firing', 'urgent-new'))).status).toBe(200);
    await h.emulator.waitFor(
      () => cards().find((m) => JSON.stringify(m.blocks).includes('`service=urgent-new`')),
      5000,
      'the new card',
    );
    const delay = Date.now() - alertedAt;
    const stillQueued = await h.store.cardSync.counts();
    expect(stillQueued.due + stillQueued.leased).toBeGreaterThanOrEqual(50);
    expect(delay).toBeLessThan(2000);
  }, 120_000);

  it('a thread reply whose answer was lost is found in the thread, not posted twice', async () => {
    h = await startHarness({ pagerdutyUrl: `${pagerduty.url}/v2/enqueue`, smtpUrl: smtp.url });
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // The thread has caught up with the incident (its opening deliveries announced).
    const caughtUp = async () => {
      const incident = await h.store.incidents.get('INC-1');
      const [ref] = await h.store.cards.list('INC-1');
      const worthy = (incident?.timeline ?? []).filter((e) => THREAD_WORTHY.has(e.kind)).map((e) => e.seq);
      return (
        ref !== undefined && ref.threadPending === undefined && ref.threadedSeq >= Math.max(0, ...worthy)
      );
    };
    await until(caughtUp, 'the thread caught up', 15_000);
    // Slack posts the next reply but its answer never comes back (Vigie gives up after 10 s).
    h.emulator.failNext('chat.postMessage', { replyDelayMs: 15_000 }, 1, '#sre-alerts');
    await h.vigie.service.execute('INC-1', { type: 'add_note', actor: USERS.sre, text: 'réponse perdue' });
    const mentions = (text: string) => threadOf(h, card).filter((m) => blockText(m).includes(text)).length;
    await until(() => mentions('réponse perdue') === 1, 'the reply posted (answer pending)', 5000);
    await until(caughtUp, 'the lost reply found and recorded', 25_000);
    await h.vigie.service.execute('INC-1', { type: 'add_note', actor: USERS.sre, text: 'deuxième note' });
    await until(() => mentions('deuxième note') === 1, 'the next reply', 8000);
    expect(mentions('réponse perdue')).toBe(1);
    expect(h.emulator.state.calls.some((c) => c.method === 'conversations.replies' && c.status === 200)).toBe(
      true,
    );
  }, 60_000);
});

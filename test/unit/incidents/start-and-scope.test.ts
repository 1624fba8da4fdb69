import path from 'node:path';
import { impactRecord } from '../../../src/incidents/error-budget';
import { loadRunbooks } from '../../../src/runbooks/loader';
import type { RunbookSet } from '../../../src/runbooks/loader';
import { consumesBudget, runbookPolicy } from '../../../src/runbooks/incident-policy';
import { messages } from '../../../src/i18n';
import { renderIncidentCard } from '../../../src/slack/blocks/incident-card';
import { alert, group, openWith, policy } from '../../support/builders';

const HOUR = 3_600_000;
let set: RunbookSet;
beforeAll(async () => {
  set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
});

describe('« Début » is the first alert’s start; the budget counts it within the SLO’s lookback', () => {
  const startsAt = '2026-11-27T00:43:22.800Z';
  const start = Date.parse(startsAt);
  const receivedLate = start + 3 * 24 * HOUR; // Alertmanager replayed it three days later
  const incidentPolicy = policy({ consumesBudget: true, startLookbackMs: HOUR });

  it('an alert received days after its start counts for the budget from one lookback before its receipt', () => {
    const incident = openWith(
      group([alert('a', { startsAt })], { policy: incidentPolicy }),
      'INC-1',
      receivedLate,
    );
    expect(incident.alertTally.firstStartsAt).toBe(start);
    expect(incident.alertTally.firingSince).toBe(receivedLate - HOUR);
    expect(impactRecord(incident).ongoingSince).toBe(receivedLate - HOUR);
  });

  it('an alert received on time counts from its own start', () => {
    const incident = openWith(
      group([alert('a', { startsAt })], { policy: incidentPolicy }),
      'INC-2',
      start + 60_000,
    );
    expect(incident.alertTally.firingSince).toBe(start);
  });

  it('the card says when Vigie received it and from when the budget counts it', () => {
    const incident = openWith(
      group([alert('a', { startsAt })], { policy: incidentPolicy }),
      'INC-3',
      receivedLate,
    );
    const card = JSON.stringify(
      renderIncidentCard(incident, {
        runbook: set.runbooks.find((r) => r.id === 'api.5xx'),
        urls: set.platform.urls,
        roleNames: {},
        followups: [],
        budget: null,
        locale: 'fr',
        now: receivedLate,
        alerts: [],
      }).blocks,
    );
    expect(card).toContain(`<!date^${Math.floor(start / 1000)}^{date_short_pretty} {time_secs}|${startsAt}>`);
    expect(card).toContain(`reçu par Vigie le <!date^${Math.floor(receivedLate / 1000)}^`);
    expect(card).toContain(
      `budget d'erreur compté depuis le <!date^${Math.floor((receivedLate - HOUR) / 1000)}^`,
    );
    expect(card).toContain('(au plus 1 h avant la réception)');
  });
});

describe('the SLO’s scope: only production consumes the budget', () => {
  it('api.5xx in prod consumes it; in staging it does not; other runbooks never', () => {
    const api = set.runbooks.find((r) => r.id === 'api.5xx');
    const latency = set.runbooks.find((r) => r.id === 'api.latency');
    if (api === undefined || latency === undefined) throw new Error('seed runbooks missing');
    expect(set.slo.availability.scope).toEqual({ env: 'prod' });
    expect(consumesBudget(set.slo, 'api.5xx', { env: 'prod', service: 'backend-api' })).toBe(true);
    expect(consumesBudget(set.slo, 'api.5xx', { env: 'staging', service: 'backend-api' })).toBe(false);
    expect(consumesBudget(set.slo, 'api.5xx', { service: 'backend-api' })).toBe(false);
    expect(consumesBudget(set.slo, 'api.latency', { env: 'prod' })).toBe(false);
    // A declared incident has no labels: the person declaring it speaks of production.
    expect(runbookPolicy(api, set.slo, undefined, messages('fr').policy).consumesBudget).toBe(true);
    expect(runbookPolicy(api, set.slo, { env: 'staging' }, messages('fr').policy).startLookbackMs).toBe(HOUR);
  });

  it('a staging incident’s impact record says it does not count', () => {
    const incident = openWith(
      group([alert('a', { labels: { env: 'staging' } })], { policy: policy({ consumesBudget: false }) }),
      'INC-9',
    );
    expect(impactRecord(incident).consumes).toBe(false);
  });
});

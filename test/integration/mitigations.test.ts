import { OpsStandIn } from '../support/ops-standin';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, startHarness, threadOf, USERS } from '../support/harness';

/** The twelve seed mitigations and the request each must send (manual ones send none). */
const EXPECTED: Array<{
  fixture: string;
  card: string;
  channel: string;
  id: string;
  request?: { method: string; path: string; body?: unknown };
}> = [
  {
    fixture: 'api-5xx-firing-two-routes',
    card: 'HTTP 5xx',
    channel: '#sre-alerts',
    id: 'rollback',
    request: {
      method: 'POST',
      path: '/ops/v1/services/backend-api/deployments/rollback',
      body: { environment: 'prod', reason: 'Vigie INC-1 : régression applicative' },
    },
  },
  {
    fixture: 'api-5xx-firing-two-routes',
    card: 'HTTP 5xx',
    channel: '#sre-alerts',
    id: 'circuit-breaker',
    request: {
      method: 'POST',
      path: '/ops/v1/circuit-breakers/external-connectors/open',
      body: { service: 'backend-api', environment: 'prod' },
    },
  },
  {
    fixture: 'api-5xx-firing-two-routes',
    card: 'HTTP 5xx',
    channel: '#sre-alerts',
    id: 'purge-failed-jobs',
    request: { method: 'POST', path: '/ops/v1/queues/backend-api/purge-failed', body: { restart: true } },
  },
  {
    fixture: 'api-latency-firing',
    card: 'Latence p95',
    channel: '#sre-alerts',
    id: 'degraded-mode',
    request: {
      method: 'PUT',
      path: '/ops/v1/feature-flags/degraded-mode',
      body: { enabled: true, disables: 'heavy-exports', environment: 'prod' },
    },
  },
  {
    fixture: 'api-latency-firing',
    card: 'Latence p95',
    channel: '#sre-alerts',
    id: 'flush-cache',
    request: {
      method: 'POST',
      path: '/ops/v1/commands/flush-cache',
      body: { service: 'backend-api', environment: 'prod' },
    },
  },
  {
    fixture: 'api-latency-firing',
    card: 'Latence p95',
    channel: '#sre-alerts',
    id: 'sqlalchemy-pool',
    request: {
      method: 'PATCH',
      path: '/ops/v1/services/backend-api/sqlalchemy-pool',
      body: { BACKEND_SQLALCHEMY_ECHO: 'off', pool_size_delta: 5, revert_after: '2h' },
    },
  },
  {
    fixture: 'calendar-queue-firing',
    card: 'Exports ICS',
    channel: '#integrations',
    id: 'retry-calendar-export',
    request: {
      method: 'POST',
      path: '/ops/v1/calendar/connectors/google/retry-export',
      body: { script: 'tools/retry_calendar_export.py' },
    },
  },
  {
    fixture: 'calendar-queue-firing',
    card: 'Exports ICS',
    channel: '#integrations',
    id: 'secondary-connector',
    request: {
      method: 'PUT',
      path: '/ops/v1/calendar/connectors/active',
      body: { BACKEND_CALENDAR_CONNECTORS: 'secondary', failing: 'google' },
    },
  },
  { fixture: 'calendar-queue-firing', card: 'Exports ICS', channel: '#integrations', id: 'inform-customers' },
  {
    fixture: 'audit-job-failure-firing',
    card: 'rétention audit',
    channel: '#sre-alerts',
    id: 'rerun-retention-job',
    request: { method: 'POST', path: '/api/v1/audit/organizations/org-4711/retention/run' },
  },
  {
    fixture: 'audit-job-failure-firing',
    card: 'rétention audit',
    channel: '#sre-alerts',
    id: 'fallback-bucket',
    request: { method: 'POST', path: '/ops/v1/audit/archive/fallback', body: { organization: 'org-4711' } },
  },
  {
    fixture: 'audit-job-failure-firing',
    card: 'rétention audit',
    channel: '#sre-alerts',
    id: 'pause-purge',
    request: {
      method: 'POST',
      path: '/ops/v1/audit/retention/purge/pause',
      body: { organization: 'org-4711' },
    },
  },
];

describe('every seed mitigation, pressed on its card', () => {
  const ops = new OpsStandIn();
  // PagerDuty answers: the opening pages go out, no fallback messages compete for Slack's budget.
  const pagerduty = new OpsStandIn(202);
  let h: Harness;
  beforeAll(async () => {
    await ops.start();
    await pagerduty.start();
    h = await startHarness({
      ops: { baseUrl: ops.url, token: 'ops-secret' },
      pagerdutyUrl: `${pagerduty.url}/v2/enqueue`,
    });
    for (const name of new Set(EXPECTED.map((e) => e.fixture)))
      expect((await h.postAlerts(fixture(name))).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
    await ops.stop();
    await pagerduty.stop();
  });

  it.each(EXPECTED)('$id sends its request and the card and thread show the outcome', async (expected) => {
    const card = await cardIn(h, expected.channel, expected.card);
    const before = ops.requests.length;
    const click = await h.emulator.clickButton(card, `incident.mitigate:${expected.id}`, USERS.sre);
    expect(click.status).toBe(200);
    await h.emulator.waitFor(() => runLineFor(card, expected.id), 8000, `${expected.id} outcome on the card`);
    if (expected.request === undefined) {
      expect(ops.requests.length).toBe(before);
    } else {
      const request = ops.requests[before];
      expect(ops.requests.length).toBe(before + 1);
      expect(request).toMatchObject({ method: expected.request.method, path: expected.request.path });
      expect(request?.body).toEqual(expected.request.body);
      expect(request?.headers.authorization).toBe('Bearer ops-secret');
      expect(request?.headers['idempotency-key']).toMatch(new RegExp(`^vigie:INC-\\d+:${expected.id}:1$`));
    }
    // The thread names the mitigation by its runbook title, never by its id.
    const label = h.vigie.registry
      .all()
      .flatMap((r) => r.mitigations)
      .find((m) => m.id === expected.id)?.label;
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some(
          (m) => label !== undefined && blockText(m).includes(`Mitigation réussie : ${label}`),
        ),
      10_000,
      'thread reply',
    );
  });

  it('recorded every run in the audit log, with who and the outcome', async () => {
    const entries = (
      await Promise.all(['INC-1', 'INC-2', 'INC-3', 'INC-4'].map((id) => h.store.audit.list(id)))
    ).flat();
    const finished = entries.filter((e) => e.action.startsWith('mitigation.') && e.outcome === 'succeeded');
    expect(finished.map((e) => e.action.replace('mitigation.', '')).sort()).toEqual(
      EXPECTED.map((e) => e.id).sort(),
    );
    expect(finished.every((e) => e.actor === USERS.sre)).toBe(true);
  });
});

/** True once the card's section for this mitigation shows a finished run. */
function runLineFor(card: { blocks: unknown[] }, mitigationId: string): boolean {
  return (card.blocks as Array<{ accessory?: { action_id?: string }; text?: { text?: string } }>).some(
    (b) =>
      b.accessory?.action_id === `incident.mitigate:${mitigationId}` && /✅ réussi/.test(b.text?.text ?? ''),
  );
}

import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, startHarness, threadOf, USERS } from '../support/harness';
import { OpsStandIn } from '../support/ops-standin';
import { PrometheusStandIn } from '../support/prometheus-standin';
import { runbooksWith } from '../support/runbooks';

/** Runbook data, not a mechanism: the check starts 1 s after the rollback and holds for 2 s. */
const QUICK_CHECK: Record<string, Array<[string, string]>> = {
  'api.5xx.yml': [['links:', 'verification: { after: 1s, hold: 2s }\nlinks:']],
};

describe('after a mitigation, Vigie checks whether it worked and says so', () => {
  const ops = new OpsStandIn(200);
  const prometheus = new PrometheusStandIn();
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = await runbooksWith(QUICK_CHECK);
    await ops.start();
    await prometheus.start();
  });
  afterAll(async () => {
    await ops.stop();
    await prometheus.stop();
  });
  afterEach(() => h.close());

  async function rollback(prometheusUrl: string) {
    h = await startHarness({ runbooksDir: dir, ops: { baseUrl: ops.url }, prometheusUrl });
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre);
    await h.emulator.waitFor(
      () =>
        blockText(card).includes(
          '🔎 Vérification en cours : Rollback dernier déploiement — alerte si &gt; 0',
        ),
      8000,
      'the pending check on the card',
    );
    return card;
  }

  it('recovered: the thread says so with the measured value, the card links the graph of the exact expression', async () => {
    prometheus.value = 0;
    const card = await rollback(prometheus.url);
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some((m) =>
          blockText(m).includes(
            '✅ Rétabli après Rollback dernier déploiement : valeur 0 (alerte si &gt; 0), sous le seuil pendant 2 s',
          ),
        ),
      10_000,
      'the verdict in the thread',
    );
    const asked = prometheus.queries.find((q) => q.startsWith('/api/v1/query_range'));
    expect(asked).toContain(
      'api_request_errors_total{code=~"5..", service="backend-api", env="prod", path=~"/api/v1/notifications|/api/v1/planning"}',
    );
    await h.emulator.waitFor(() => blockText(card).includes('/graph?g0.expr='), 5000, 'the graph link');
    const incident = await h.store.incidents.get('INC-1');
    expect(incident?.status).toBe('open'); // a verdict never resolves the incident
    expect(incident?.verifications?.[0]).toMatchObject({ status: 'recovered', worst: 0, last: 0 });
    const audited = (await h.store.audit.list('INC-1')).find((e) => e.action === 'verification.rollback');
    expect(audited).toMatchObject({
      actor: 'vigie',
      outcome: 'recovered',
      params: { run: 1, worst: 0, last: 0 },
    });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(
      /vigie_mitigation_verdicts_total\{runbook="api.5xx",mitigation="rollback",verdict="recovered"\} 1/,
    );
  }, 30_000);

  it('still degraded: the thread says so and offers the runbook’s next mitigation as a button', async () => {
    prometheus.value = 4;
    const card = await rollback(prometheus.url);
    const reply = await h.emulator.waitFor(
      () =>
        threadOf(h, card).find((m) =>
          blockText(m).includes('⚠️ Toujours dégradé 2 s après Rollback dernier déploiement : valeur 4'),
        ),
      10_000,
      'the verdict in the thread',
    );
    expect(blockText(reply)).toContain('incident.mitigate:circuit-breaker');
    expect(blockText(card)).toContain('Mitigation suivante : *Circuit breaker connecteurs externes*');
    // The offered button is the card's own: pressing it runs the next mitigation.
    const before = ops.requests.length;
    await h.emulator.clickButton(
      { ...reply, channel: card.channel },
      'incident.mitigate:circuit-breaker',
      USERS.sre,
    );
    await h.emulator.waitFor(() => ops.requests.length > before, 5000, 'the next mitigation called');
    expect(ops.requests.at(-1)?.path).toBe('/ops/v1/circuit-breakers/external-connectors/open');
  }, 30_000);

  it('no data for the incident’s labels: « vérification impossible », never a guessed verdict', async () => {
    prometheus.value = 'no series';
    const card = await rollback(prometheus.url);
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some((m) =>
          blockText(m).includes(
            '❔ Vérification impossible pour Rollback dernier déploiement : aucune donnée pour les labels de cet incident',
          ),
        ),
      10_000,
      'impossible in the thread',
    );
    expect((await h.store.incidents.get('INC-1'))?.verifications?.[0]?.status).toBe('impossible');
  }, 30_000);

  it('Prometheus unreachable: asked again for a minute, then « vérification impossible » with the reason', async () => {
    const card = await rollback('http://127.0.0.1:9');
    await h.emulator.waitFor(
      () =>
        threadOf(h, card).some((m) =>
          blockText(m).includes(
            '❔ Vérification impossible pour Rollback dernier déploiement : Prometheus injoignable',
          ),
        ),
      90_000,
      'impossible in the thread',
    );
  }, 120_000);
});

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadRunbooks } from '../../src/runbooks/loader';
import { prometheusRules } from '../../src/runbooks/prometheus-rules';
import type { Harness } from '../support/harness';
import { ALERTMANAGER_TOKEN, blockText, startHarness, threadOf, USERS } from '../support/harness';
import { JmdExporter } from '../support/jmd-exporter';
import type { MonitoringStack } from '../support/monitoring-stack';
import { startMonitoringStack } from '../support/monitoring-stack';
import { runbooksWith } from '../support/runbooks';

/**
 * Runbook data scaled for a test: api.5xx's windows of seconds, and its check 8 s after the rollback
 * (the 6 s window must slide past the last error), held for 4 s. The mechanism is the production one.
 */
const SCALED: Record<string, Array<[string, string]>> = {
  'api.5xx.yml': [
    ['[5m]', '[6s]'],
    ['links:', 'verification: { after: 8s, hold: 4s }\nlinks:'],
  ],
};

/** The ops API at the network boundary: the rollback heals the exporter, or not. */
class OpsApi {
  readonly calls: string[] = [];
  heals = true;
  private server: Server | undefined;
  url = '';

  constructor(private readonly exporter: JmdExporter) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.calls.push(`${req.method ?? ''} ${req.url ?? ''}`);
      if ((req.url ?? '').endsWith('/deployments/rollback') && this.heals) this.exporter.heal();
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'ok' }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }
}

/** The api.5xx incident (the exporter's misbehaviour opens the other runbooks' incidents too). */
async function api5xx(h: Harness) {
  return (await h.store.incidents.listOpenedSince(0)).find((i) => i.policy.runbookId === 'api.5xx');
}

describe('closed loop: exporter → real Prometheus → real Alertmanager → Vigie, and back to Prometheus after the rollback', () => {
  let exporter: JmdExporter;
  let ops: OpsApi;
  let stack: MonitoringStack | undefined;
  let h: Harness | undefined;

  afterEach(async () => {
    await stack?.stop();
    await h?.close();
    await exporter?.stop();
    await ops?.stop();
    stack = undefined;
    h = undefined;
  });

  async function scenario(heals: boolean) {
    const dir = await runbooksWith(SCALED);
    const { runbooks } = await loadRunbooks(dir);
    exporter = new JmdExporter();
    await exporter.start();
    ops = new OpsApi(exporter);
    ops.heals = heals;
    await ops.start();
    // Vigie first (its URL goes into Alertmanager's config), Prometheus's URL is set when the stack is up.
    const rules = prometheusRules(runbooks)
      .replace(/\[(5|15)m\]/g, '[6s]')
      .replace(/for: \S+/g, 'for: 0s');
    let prometheusUrl = '';
    const proxy = createServer((req, res) => {
      // Vigie asks Prometheus through this hop, so the stack can start after Vigie.
      fetch(`${prometheusUrl}${req.url ?? ''}`)
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(await answer.text());
        })
        .catch(() => {
          res.destroy();
        });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    h = await startHarness({ runbooksDir: dir, ops: { baseUrl: ops.url }, prometheusUrl: proxyUrl });
    stack = await startMonitoringStack({
      targets: [exporter.url],
      rules,
      vigieAlertsUrl: `${h.url}/alerts`,
      token: ALERTMANAGER_TOKEN,
    });
    prometheusUrl = stack.prometheusUrl;
    exporter.misbehave();
    const harness = h;
    const card = await harness.emulator.waitFor(
      () => harness.emulator.messagesIn('#sre-alerts').find((m) => m.text.includes('HTTP 5xx')),
      45_000,
      'the api.5xx card',
    );
    await harness.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre);
    await harness.emulator.waitFor(
      () => blockText(card).includes('🔎 Vérification en cours : Rollback dernier déploiement'),
      10_000,
      'the pending check',
    );
    expect(ops.calls.some((c) => c.endsWith('/deployments/rollback'))).toBe(true);
    return { card, harness, proxy, stack };
  }

  it('the rollback heals the backend: the thread says « Rétabli » with the value Prometheus measured', async () => {
    const { card, harness, proxy } = await scenario(true);
    try {
      const verdict = await harness.emulator.waitFor(
        () =>
          threadOf(harness, card).find((m) =>
            blockText(m).includes(
              '✅ Rétabli après Rollback dernier déploiement : valeur 0 (alerte si &gt; 0)',
            ),
          ),
        40_000,
        'the verdict « Rétabli »',
      );
      expect(blockText(verdict)).toContain('sous le seuil pendant 4 s');
      const v = (await api5xx(harness))?.verifications?.[0];
      expect(v).toMatchObject({ status: 'recovered', last: 0 });
      expect(v?.expr).toContain('service="backend-api", env="prod", path=~"/api/v1/planning"');
    } finally {
      proxy.close();
    }
  }, 120_000);

  it('the rollback does not heal it: « Toujours dégradé » with the measured value, and the next mitigation offered', async () => {
    const { card, harness, proxy } = await scenario(false);
    try {
      const verdict = await harness.emulator.waitFor(
        () =>
          threadOf(harness, card).find((m) =>
            blockText(m).includes('⚠️ Toujours dégradé 4 s après Rollback dernier déploiement : valeur'),
          ),
        40_000,
        'the verdict « Toujours dégradé »',
      );
      expect(blockText(verdict)).toContain('incident.mitigate:circuit-breaker');
      const v = (await api5xx(harness))?.verifications?.[0];
      expect(v?.status).toBe('degraded');
      expect(v?.worst).toBeGreaterThan(0);
    } finally {
      proxy.close();
    }
  }, 120_000);

  it('Prometheus stopped: « vérification impossible », never a guessed verdict', async () => {
    const { card, harness, proxy, stack: running } = await scenario(true);
    try {
      await running.stop();
      await harness.emulator.waitFor(
        () =>
          threadOf(harness, card).some((m) =>
            blockText(m).includes(
              '❔ Vérification impossible pour Rollback dernier déploiement : Prometheus',
            ),
          ),
        110_000,
        'the verdict « impossible »',
      );
      expect((await api5xx(harness))?.verifications?.[0]?.status).toBe('impossible');
    } finally {
      proxy.close();
    }
  }, 180_000);
});

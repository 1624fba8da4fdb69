import path from 'node:path';
import { loadRunbooks } from '../../src/runbooks/loader';
import { prometheusRules } from '../../src/runbooks/prometheus-rules';
import type { Harness } from '../support/harness';
import { ALERTMANAGER_TOKEN, blockText, startHarness } from '../support/harness';
import { JmdExporter } from '../support/jmd-exporter';
import type { MonitoringStack } from '../support/monitoring-stack';
import { startMonitoringStack } from '../support/monitoring-stack';

/** The rules Vigie generates from the runbooks, with their windows scaled from minutes to seconds. */
async function testRules(): Promise<string> {
  const { runbooks } = await loadRunbooks(path.join(__dirname, '../../runbooks'));
  return prometheusRules(runbooks)
    .replace(/\[(5|15)m\]/g, '[6s]')
    .replace(/for: \S+/g, 'for: 0s');
}

describe('the whole pipeline: exporter → real Prometheus → real Alertmanager → Vigie → Slack', () => {
  const exporter = new JmdExporter();
  let stack: MonitoringStack;
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await exporter.start();
    stack = await startMonitoringStack({
      targets: [exporter.url],
      rules: await testRules(),
      vigieAlertsUrl: `${h.url}/alerts`,
      token: ALERTMANAGER_TOKEN,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await exporter.stop();
    await h?.close();
  });

  it('the four runbook alerts become cards when the backend misbehaves, and resolve when it heals', async () => {
    exporter.misbehave();
    const cards = await h.emulator.waitFor(
      () => {
        const sre = h.emulator.messagesIn('#sre-alerts');
        const integrations = h.emulator.messagesIn('#integrations');
        const found = {
          api5xx: sre.find((m) => m.text.includes('HTTP 5xx')),
          latency: sre.find((m) => m.text.includes('Latence p95')),
          audit: sre.find((m) => m.text.includes('rétention audit')),
          calendar: integrations.find((m) => m.text.includes('Exports ICS')),
        };
        return Object.values(found).every((m) => m !== undefined) && found;
      },
      45_000,
      'the four cards',
    );
    expect(blockText(cards.api5xx)).toContain('/api/v1/planning');
    expect(blockText(cards.calendar)).toContain('google');
    expect(blockText(cards.audit)).toContain('org-4711');

    exporter.heal();
    await h.emulator.waitFor(
      () => Object.values(cards).every((card) => card !== undefined && card.text.includes('✅ Résolu')),
      60_000,
      'the four cards resolved',
    );
    expect(h.emulator.messagesIn('#sre-alerts')).toHaveLength(3);
  }, 120_000);
});

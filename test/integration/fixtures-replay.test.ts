import type { Harness } from '../support/harness';
import { blockText, fixture, startHarness } from '../support/harness';
import { drained } from '../support/waiting';

describe('replaying the six real Alertmanager fixtures in order', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('opens one card per incident in the runbook channels, then updates and resolves the api.5xx card', async () => {
    for (const name of [
      'api-5xx-firing-two-routes',
      'api-latency-firing',
      'calendar-queue-firing',
      'audit-job-failure-firing',
    ]) {
      const { status } = await h.postAlerts(fixture(name));
      expect(status).toBe(200);
    }
    const sre = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-alerts').length === 3 && h.emulator.messagesIn('#sre-alerts'),
      10_000,
      '3 cards in #sre-alerts',
    );
    const integrations = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#integrations').length === 1 && h.emulator.messagesIn('#integrations'),
      10_000,
      'calendar card',
    );

    const api5xx = sre.find((m) => m.text.includes('HTTP 5xx'));
    expect(blockText(api5xx)).toContain('/api/v1/planning');
    expect(blockText(api5xx)).toContain('/api/v1/notifications');
    expect(blockText(api5xx)).toContain('2 en cours');
    expect(sre.some((m) => m.text.includes('Latence p95'))).toBe(true);
    expect(sre.some((m) => m.text.includes('rétention audit'))).toBe(true);
    expect(integrations[0]?.text).toContain('Exports ICS');
    expect(blockText(integrations[0])).toContain('google');

    expect((await h.postAlerts(fixture('api-5xx-one-route-resolved'))).status).toBe(200);
    await h.emulator.waitFor(
      () => blockText(api5xx).includes('*Routes touchées* : 1 en cours, 1 résolue'),
      10_000,
      'api.5xx card showing one route resolved',
    );

    expect((await h.postAlerts(fixture('api-5xx-all-resolved'))).status).toBe(200);
    await h.emulator.waitFor(() => api5xx?.text.includes('✅ Résolu'), 10_000, 'api.5xx card resolved');
    expect(blockText(api5xx)).toContain('Résolu automatiquement');

    // Still exactly one card per incident: updates rewrote them, nothing was posted twice.
    expect(h.emulator.messagesIn('#sre-alerts')).toHaveLength(3);
    expect(h.emulator.messagesIn('#integrations')).toHaveLength(1);
    const open = await h.store.incidents.listOpen();
    expect(open.map((i) => i.policy.runbookId).sort()).toEqual([
      'api.latency',
      'audit.job.failure',
      'calendar.queue',
    ]);
  });
});

describe('duplicates and storms', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('the same body delivered three times concurrently produces one incident and one card', async () => {
    const body = fixture('api-5xx-firing-two-routes');
    const results = await Promise.all([h.postAlerts(body), h.postAlerts(body), h.postAlerts(body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.emulator.waitFor(() => h.emulator.messagesIn('#sre-alerts').length === 1, 5000, 'one card');
    // Nothing left to write to Slack: a second card would have been posted by now.
    await drained(h.store.cardSync, 'the card sync');
    expect(h.emulator.messagesIn('#sre-alerts')).toHaveLength(1);
    expect(await h.store.incidents.listOpen()).toHaveLength(1);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    // Three bodies of two firing alerts: six received, four of them duplicates.
    expect(metrics).toMatch(/vigie_alerts_received_total\{runbook="api.5xx",status="firing"\} 6/);
    expect(metrics).toMatch(/vigie_alerts_deduplicated_total\{runbook="api.5xx"\} 4/);
    expect(metrics).toMatch(/vigie_incidents_opened_total\{runbook="api.5xx",severity="SEV2"\} 1/);
  });

  it('a re-fire shortly after resolution reopens the same incident and card instead of posting a new one', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));
    const refire = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<{ startsAt: string }>;
    };
    for (const alert of refire.alerts) alert.startsAt = '2026-11-27T01:00:00Z';
    const { json } = await h.postAlerts(JSON.stringify(refire));
    expect(json.incidents).toEqual([expect.objectContaining({ outcome: 'reopened', incidentId: 'INC-1' })]);
    const card = await h.emulator.waitFor(
      () => {
        const first = h.emulator.messagesIn('#sre-alerts')[0];
        return blockText(first).includes('Réouverture') && first;
      },
      8000,
      'card showing the reopening',
    );
    expect(card.text).toContain('🔥 En cours');
    expect(h.emulator.messagesIn('#sre-alerts')).toHaveLength(1);
  });

  it('a storm of 5,000 alerts in one group becomes one valid card that says how many more there are', async () => {
    const base = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<Record<string, unknown>>;
      truncatedAlerts: number;
    };
    const template = base.alerts[0] as { labels: Record<string, string> };
    base.alerts = Array.from({ length: 5000 }, (_, i) => ({
      ...template,
      labels: { ...template.labels, path: `/api/v1/storm/${i}` },
      fingerprint: `storm${i}`,
    }));
    base.truncatedAlerts = 120;
    const body = JSON.stringify(base);
    expect(body.length).toBeGreaterThan(2_000_000);
    expect((await h.postAlerts(body)).status).toBe(200);
    const card = await h.emulator.waitFor(() => h.emulator.messagesIn('#sre-alerts')[0], 8000, 'storm card');
    expect(blockText(card)).toContain('5000 en cours');
    expect(blockText(card)).toMatch(/… et \d+ de plus/);
    expect(blockText(card)).toContain('tronqué 120 alertes');
    expect(h.emulator.state.calls.filter((c) => c.error !== undefined)).toEqual([]);
  });
});

import { OpsStandIn } from '../support/ops-standin';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, responseTo, startHarness, USERS } from '../support/harness';

describe('error budget read from a Prometheus SLI (PROMETHEUS_URL)', () => {
  const prometheus = new OpsStandIn(200);
  beforeAll(() => prometheus.start());
  afterAll(() => prometheus.stop());
  afterEach(() => {
    prometheus.unscript();
    prometheus.requests.length = 0;
  });

  const sloReply = async (h: Harness) => {
    const sent = await h.emulator.sendSlashCommand('/incident', { text: 'slo', userId: USERS.sre });
    return JSON.stringify((await responseTo(h, sent.responseId)).body);
  };

  it('uses the measured availability and says the figure comes from Prometheus', async () => {
    prometheus.script(
      '/api/v1/query',
      {
        status: 200,
        body: {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [0, '0.999'] }] },
        },
      },
      100,
    );
    const h = await startHarness({ prometheusUrl: prometheus.url });
    try {
      const reply = await sloReply(h);
      expect(reply).toContain('source : Prometheus (SLI)');
      const query = new URL(`http://x${prometheus.requests[0]?.path ?? ''}`).searchParams.get('query') ?? '';
      expect(query).toMatch(/increase\(api_request_errors_total\{code=~"5.."\}\[\d+s\]\)/);
      const figures = h.vigie.slo.current();
      const elapsed = Date.now() - (figures?.monthStart ?? 0);
      expect(figures?.consumedMs).toBeGreaterThan(0.001 * elapsed * 0.99);
      expect(figures?.consumedMs).toBeLessThanOrEqual(0.001 * elapsed * 1.01);
    } finally {
      await h.close();
    }
  });

  it('a bad query or an unreachable Prometheus shows « indisponible » with the reason, never a number', async () => {
    prometheus.script(
      '/api/v1/query',
      { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 12' } },
      100,
    );
    const h = await startHarness({ prometheusUrl: prometheus.url });
    try {
      await h.postAlerts(fixture('api-5xx-firing-two-routes'));
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      await h.emulator.waitFor(
        () =>
          blockText(card).includes(
            "Budget d'erreur : indisponible (Prometheus a répondu 400 : parse error at char 12)",
          ),
        5000,
        'unavailable on the card',
      );
      expect(await sloReply(h)).toContain('indisponible (Prometheus a répondu 400');
    } finally {
      await h.close();
    }
    const down = await startHarness({ prometheusUrl: 'http://127.0.0.1:9' });
    try {
      expect(await sloReply(down)).toContain('indisponible (Prometheus injoignable');
    } finally {
      await down.close();
    }
  });
});

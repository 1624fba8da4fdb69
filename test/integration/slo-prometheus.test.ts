import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monthOf } from '../../src/incidents/error-budget';
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

  it('a month measured from 12 minutes of data says so and never raises « SLA menacé » alone', async () => {
    // A Prometheus started 12 minutes ago that has seen 50 % errors: the SLI's own oldest sample says so.
    const since = Date.now() - 12 * 60_000;
    const queries: string[] = [];
    const server = createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      queries.push(query);
      const value = query.includes('prometheus_tsdb_lowest_timestamp_seconds') ? String(since / 1000) : '0.5';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [0, value] }] },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const h = await startHarness({ prometheusUrl: url, slaRule: true });
    try {
      await h.postAlerts(fixture('api-5xx-firing-two-routes'));
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      // The figure says how much data it stands on when the data misses more than 5 minutes of the
      // month: in a month's first 17 minutes, 12 minutes of data is (nearly) all of the month so far.
      const sinceMonth = Date.now() - monthOf(Date.now()).start;
      if (sinceMonth < 18 * 60_000) {
        await h.emulator.waitFor(() => blockText(card).includes('calculé à'), 5000, 'the budget on the card');
        const early = h.vigie.slo.current();
        const covered = Math.min(sinceMonth, 12 * 60_000);
        expect(early?.consumedMs).toBeGreaterThan(0.45 * covered);
        expect(early?.consumedMs).toBeLessThan(0.55 * covered + 30_000);
        if (early?.dataMs === undefined) expect(blockText(card)).not.toContain('de données)');
        return;
      }
      await h.emulator.waitFor(
        () => blockText(card).includes('de données)'),
        5000,
        'the figure says how much data it stands on',
      );
      const figures = h.vigie.slo.current();
      // Half of 12 minutes, not half of the month so far.
      expect(figures?.consumedMs).toBeGreaterThan(5.9 * 60_000);
      expect(figures?.consumedMs).toBeLessThan(6.5 * 60_000);
      expect(figures?.dataMs).toBeGreaterThan(11.9 * 60_000);
      expect(figures?.threatened).toBe(false);
      expect(blockText(card)).toMatch(/sur 1[23] min de données/);
      expect(blockText(card)).not.toContain('SLA menacé');
      expect(queries.some((q) => q.includes('prometheus_tsdb_lowest_timestamp_seconds'))).toBe(true);
      const incident = await h.store.incidents.get('INC-1');
      expect(incident?.severity).toBe('SEV2');
    } finally {
      await h.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

import http from 'node:http';
import type { Harness } from '../support/harness';
import { ALERTMANAGER_TOKEN, blockText, fixture, startHarness } from '../support/harness';

describe('POST /alerts: bad input gets a clear error and loses nothing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ alertsMaxBodyBytes: 64 * 1024 });
  });
  afterAll(() => h.close());

  it('401 without a bearer token, and with a wrong one; nothing stored', async () => {
    const missing = await h.postAlerts(fixture('api-latency-firing'), null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await h.postAlerts(fixture('api-latency-firing'), 'wrong-token')).status).toBe(401);
    expect((await h.postAlerts(fixture('api-latency-firing'), `${ALERTMANAGER_TOKEN}x`)).status).toBe(401);
    expect(await h.store.incidents.listOpen()).toEqual([]);
  });

  it('400 for malformed JSON', async () => {
    const { status, json } = await h.postAlerts('{"version": "4", ');
    expect(status).toBe(400);
    expect(json.error).toBe('malformed JSON');
  });

  it('400 naming the bad paths for a body that is not a v4 payload', async () => {
    const body = JSON.parse(fixture('api-latency-firing')) as Record<string, unknown>;
    body.version = '3';
    (body.alerts as Array<Record<string, unknown>>)[0]!.fingerprint = 42;
    const { status, json } = await h.postAlerts(JSON.stringify(body));
    expect(status).toBe(400);
    const paths = (json.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'alerts.0.fingerprint']));
  });

  it('413 above the size limit, whether declared or streamed without a length', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(100 * 1024) });
    expect((await h.postAlerts(big)).status).toBe(413);

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${h.url}/alerts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ALERTMANAGER_TOKEN}`,
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i += 1) req.write('x'.repeat(8 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('an alert no runbook claims becomes an incident on a generic card in the default channel', async () => {
    const body = JSON.parse(fixture('api-latency-firing')) as {
      alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }>;
    };
    const alert = body.alerts[0]!;
    alert.labels = { alertname: 'DiskAlmostFull', service: 'storage', env: 'prod', severity: 'critical' };
    alert.annotations = { summary: 'Disque /var à 97 %' };
    const { status, json } = await h.postAlerts(JSON.stringify(body));
    expect(status).toBe(200);
    expect(json.incidents).toEqual([
      expect.objectContaining({
        outcome: 'opened',
        key: 'unmapped|alertname=DiskAlmostFull,service=storage,env=prod',
      }),
    ]);
    const card = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-alerts').find((m) => m.text.includes('Disque /var')),
      5000,
      'generic card',
    );
    expect(card.text).toContain('[SEV1]');
    expect(blockText(card)).toContain('Aucun runbook ne correspond');
  });

  it('a `runbook` label naming no runbook is unmatched, logged and counted — never matched by its alert name', async () => {
    const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
    };
    body.alerts = body.alerts.slice(0, 1).map((a) => ({
      ...a,
      fingerprint: 'typo-runbook',
      labels: { ...a.labels, runbook: 'api.5xxx', service: 'typo-svc' },
    }));
    const { status, json } = await h.postAlerts(JSON.stringify(body));
    expect(status).toBe(200);
    expect(json.incidents).toEqual([
      expect.objectContaining({ outcome: 'opened', key: expect.stringMatching(/^unmapped\|/) as unknown }),
    ]);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/vigie_alerts_unmatched_total\{reason="unknown_runbook_label"\} 1/);
    expect(h.logs().some((l) => l.includes('names no runbook') && l.includes('api.5xxx'))).toBe(true);
  });

  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    expect((await fetch(`${h.url}/nope`)).status).toBe(404);
    expect((await fetch(`${h.url}/alerts`)).status).toBe(405);
  });
});

describe('POST /alerts without ALERTMANAGER_TOKEN (local sandbox)', () => {
  it('accepts deliveries without Authorization', async () => {
    const h = await startHarness({ store: 'memory', alertmanagerToken: undefined });
    try {
      expect((await h.postAlerts(fixture('api-latency-firing'), null)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

import type { Harness } from '../support/harness';
import { cardIn, fixture, startHarness, USERS } from '../support/harness';
import { uniquePrefix } from '../support/env';

/** The two-route api.5xx body of one service, its alerts named for `round` and `replica`: new alerts of one incident. */
function newAlertsOfOneIncident(round: number, replica: string): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as { alerts: Array<{ fingerprint: string }> };
  body.alerts = body.alerts.map((a, i) => ({ ...a, fingerprint: `fp-${round}-${replica}-${i}` }));
  return JSON.stringify(body);
}

/** The sum of a counter's samples in a /metrics text (0 when absent). */
const counterSum = (text: string, name: string): number =>
  [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm'))].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );

describe('/metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  const metrics = async () => (await fetch(`${h.url}/metrics`)).text();

  it('exposes open incidents, MTTA and MTTR by runbook and severity, without incident ids as labels', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    await h.postAlerts(fixture('calendar-queue-firing'));
    expect(await metrics()).toMatch(/vigie_incidents_open\{runbook="api.5xx",severity="SEV2"\} 1/);
    expect(await metrics()).toMatch(/vigie_incidents_open\{runbook="calendar.queue",severity="SEV2"\} 1/);

    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.clickButton(card, 'incident.ack', USERS.sre);
    await h.emulator.waitFor(() => card.text.includes('Pris en charge'), 5000, 'ack');
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));

    const text = await metrics();
    expect(text).toMatch(
      /vigie_incident_time_to_acknowledge_seconds_count\{runbook="api.5xx",severity="SEV2"\} 1/,
    );
    expect(text).toMatch(
      /vigie_incident_time_to_resolve_seconds_count\{runbook="api.5xx",severity="SEV2"\} 1/,
    );
    expect(text).not.toMatch(/vigie_incidents_open\{runbook="api.5xx"/);
    expect(text).toMatch(/vigie_incidents_open\{runbook="calendar.queue",severity="SEV2"\} 1/);
    expect(text).not.toMatch(/INC-\d/);
  });

  it('counts the saves a replica lost to another one delivering alerts of the same incident at once', async () => {
    // Two replicas on one Redis: their deliveries of one incident race (nothing but the version check
    // orders them); each delivery that loses is tried again on a fresh read, and counted.
    const prefix = uniquePrefix('replicas');
    const a = await startHarness({ redisPrefix: prefix });
    const b = await startHarness({ redisPrefix: prefix });
    const bothMetrics = async () =>
      (await Promise.all([a, b].map(async (r) => (await fetch(`${r.url}/metrics`)).text()))).join('\n');
    const lostSaves = async () => counterSum(await bothMetrics(), 'vigie_incident_saves_lost_total');
    try {
      let rounds = 0;
      // Rounds until one save lost (the positive witness), at most 50: a race lost in none would fail.
      while (rounds < 50 && (await lostSaves()) === 0) {
        const statuses = await Promise.all([
          a.postAlerts(newAlertsOfOneIncident(rounds, 'a')).then((r) => r.status),
          b.postAlerts(newAlertsOfOneIncident(rounds, 'b')).then((r) => r.status),
        ]);
        expect(statuses).toEqual([200, 200]);
        rounds += 1;
      }
      expect(await bothMetrics()).toMatch(/vigie_incident_saves_lost_total\{writer="alerts"\} [1-9]/);
      // Nothing lost with the race: every alert of every round is on the one incident.
      const open = await a.store.incidents.listOpen();
      expect(open).toHaveLength(1);
      expect(open[0]?.alertTally.firing).toBe(rounds * 4);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

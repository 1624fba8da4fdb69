import type { Harness } from '../support/harness';
import { cardIn, fixture, startHarness, USERS } from '../support/harness';

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
});

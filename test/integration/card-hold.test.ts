import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, startHarness, USERS } from '../support/harness';
import { drained, sleep } from '../support/waiting';

/** api.5xx on `count` routes of one service: one incident, its alerts growing with `count`. */
function routesFiring(count: number): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
    alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
  };
  const [first] = body.alerts;
  if (first === undefined) throw new Error('fixture without alerts');
  body.alerts = Array.from({ length: count }, (_, i) => ({
    ...first,
    fingerprint: `fp-route-${i}`,
    labels: { ...first.labels, path: `/api/v1/route-${i}` },
  }));
  return JSON.stringify(body);
}

/** vigie_card_sync_passes_total by outcome, read from /metrics. */
async function passes(h: Harness): Promise<Record<string, number>> {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(/^vigie_card_sync_passes_total\{outcome="(\w+)"\} (\d+)/gm))
    counts[outcome ?? ''] = Number(value);
  return counts;
}

describe('a card waiting for its channel’s budget is not worked on at every change', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('an incident changing 150 times in two seconds: a pass per budget slot, the card shows the last change, an acknowledgement is not held', async () => {
    h = await startHarness();
    expect((await h.postAlerts(routesFiring(1))).status).toBe(200);
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await drained(h.store.cardSync, 'the first card sync');
    const before = await passes(h);

    // A new alert in each delivery: each saves the incident (an ordinary change of its card).
    const deliveries = 150;
    // Three at a time, as Alertmanager's groups and replicas send them: saves land while the card is
    // being worked on, too.
    for (let n = 2; n <= deliveries + 1; n += 3) {
      const sent = await Promise.all([n, n + 1, n + 2].map((count) => h.postAlerts(routesFiring(count))));
      expect(sent.map((r) => r.status)).toEqual([200, 200, 200]);
      await sleep(20);
    }
    const incident = (await h.store.incidents.listOpen())[0];
    expect(incident?.alertTally.firing).toBe(deliveries + 1);
    // Positive witness: the card ends up showing the last change.
    await h.emulator.waitFor(
      () => blockText(card).includes(`*Routes touchées* : ${deliveries + 1} en cours`),
      10_000,
      `the card showing the last alert`,
    );
    await drained(h.store.cardSync, 'the card sync');
    const after = await passes(h);
    const worked = (after.done ?? 0) + (after.held ?? 0) - (before.done ?? 0) - (before.held ?? 0);
    // Slack takes about one update of a channel’s card a second: a few passes (one to write, one or
    // two to learn the wait, each time). With every change waking the card: a pass per delivery.
    expect(worked).toBeGreaterThan(0);
    expect(worked).toBeLessThan(deliveries / 5);

    // An acknowledgement changes what the card shows: an urgent mark, not held behind the ordinary ones.
    expect((await h.postAlerts(routesFiring(deliveries + 2))).status).toBe(200);
    await h.emulator.clickButton(card, 'incident.ack', USERS.sre);
    await h.emulator.waitFor(
      () => blockText(card).includes(`Pris en charge (par <@${USERS.sre}>)`),
      5000,
      'the acknowledgement on the card',
    );
  });
});

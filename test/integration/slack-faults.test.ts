import type { Harness } from '../support/harness';
import { blockText, fixture, startHarness } from '../support/harness';
import { drained } from '../support/waiting';

describe('Slack faults: nothing is lost, and one hot channel does not stall the others', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('a 429 on #sre-alerts pauses that channel only; its card is posted after Retry-After', async () => {
    h.emulator.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 2 }, 1, '#sre-alerts');
    const started = Date.now();
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    await h.emulator.waitFor(() => h.emulator.state.calls.some((c) => c.status === 429), 3000, 'the 429');
    await h.postAlerts(fixture('calendar-queue-firing'));
    await h.emulator.waitFor(
      () => h.emulator.messagesIn('#integrations').length === 1,
      1500,
      'integrations card while sre-alerts is paused',
    );
    expect(h.emulator.messagesIn('#sre-alerts')).toHaveLength(0);
    await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-alerts').length === 1,
      6000,
      'sre-alerts card after Retry-After',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(h.logs().join('')).toContain(
      '"bucket":"chat.postMessage:sre-alerts","retryAfterMs":2000,"msg":"Slack rate limit: bucket paused"',
    );
  });

  it('Slack 5xx on post and on update are retried until the card is current', async () => {
    h.emulator.failNext('chat.postMessage', { status: 503 }, 2);
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-alerts')[0],
      8000,
      'card after two 503s',
    );
    h.emulator.failNext('chat.update', { status: 500 }, 1);
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));
    await h.emulator.waitFor(
      () => card.text.includes('✅ Résolu'),
      8000,
      'card resolved after a 500 on update',
    );
    expect(h.emulator.state.calls.filter((c) => c.status >= 500).map((c) => c.method)).toEqual([
      'chat.postMessage',
      'chat.postMessage',
      'chat.update',
    ]);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(
      /vigie_slack_api_calls_total\{method="chat.postMessage",outcome="unavailable"\} 2/,
    );
    expect(metrics).toMatch(/vigie_slack_api_calls_total\{method="chat.update",outcome="unavailable"\} 1/);
  });

  it('a card Slack refuses (msg_blocks_too_long) is replaced by the minimal card, not dropped', async () => {
    h.emulator.failNext('chat.postMessage', { error: 'msg_blocks_too_long' }, 1);
    await h.postAlerts(fixture('audit-job-failure-firing'));
    const card = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-alerts')[0],
      5000,
      'minimal card',
    );
    expect(card.text).toContain('Échec du job de rétention audit');
    expect(card.blocks).toHaveLength(1);
  });

  it('a burst of changes is coalesced into a few updates whose last one shows the final state', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await h.emulator.waitFor(() => h.emulator.messagesIn('#sre-alerts')[0], 5000, 'card');
    const base = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<{ fingerprint: string; labels: Record<string, string> }>;
    };
    for (let i = 0; i < 30; i += 1) {
      const body = structuredClone(base);
      body.alerts = [
        {
          ...body.alerts[0]!,
          fingerprint: `burst${i}`,
          labels: { ...body.alerts[0]!.labels, path: `/api/v1/burst/${i}` },
        },
      ];
      expect((await h.postAlerts(JSON.stringify(body))).status).toBe(200);
    }
    await h.emulator.waitFor(() => blockText(card).includes('32 en cours'), 8000, 'final state on the card');
    // Nothing left to write to the card: the updates counted are all there will be.
    await drained(h.store.cardSync, 'the card sync');
    expect(card.updates).toBeLessThanOrEqual(5);
    expect(blockText(card)).toContain('32 en cours');
  });
});

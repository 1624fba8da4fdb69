import { blockActionsPayload, findButton } from '../../src/sandbox/interaction-payloads';
import { postSigned } from '../../src/sandbox/signing';
import { ACTION } from '../../src/slack/ids';
import type { Harness } from '../support/harness';
import { cardIn, fixture, SIGNING_SECRET, startHarness, USERS } from '../support/harness';

/** A signed `/incident aide` sent now, answered: what was sent before it has been dealt with. */
async function helpAnswered(h: Harness): Promise<void> {
  const help = await h.emulator.sendSlashCommand('/incident', { text: 'aide' });
  await h.emulator.waitFor(
    () => h.emulator.state.responses.find((r) => r.id === help.responseId),
    3000,
    'help reply',
  );
}

describe('requests from Slack into /slack/events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('rejects a forged signature with 401 and does not act on it', async () => {
    const result = await h.emulator.sendSlashCommand(
      '/incident',
      { text: 'list' },
      { secret: 'not-the-secret' },
    );
    expect(result.status).toBe(401);
    // Witness: a signed command sent after it was answered; the forged one never was.
    await helpAnswered(h);
    expect(h.emulator.state.responses.filter((r) => r.id === result.responseId)).toEqual([]);
  });

  it('rejects a forged interaction payload with 401', async () => {
    const result = await h.emulator.sendInteraction(
      { type: 'block_actions', user: { id: 'U0SANDBOX1' }, actions: [{ action_id: 'x', value: '{}' }] },
      { secret: 'forged' },
    );
    expect(result.status).toBe(401);
  });

  it('rejects a stale timestamp (older than 5 minutes) with 401', async () => {
    const result = await h.emulator.sendSlashCommand('/incident', { text: 'list' }, { skewSeconds: -6 * 60 });
    expect(result.status).toBe(401);
  });

  it('an SSL check is answered by the gate: a payload smuggled beside it is never acted on', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const button = findButton(card.blocks, ACTION.acknowledge);
    if (button === undefined) throw new Error('no « Prendre en charge » button');
    const click = {
      team: { id: 'T0SANDBOX', domain: 'jmd-sandbox' },
      ...blockActionsPayload(card, button, USERS.sre, { id: card.channel, name: 'sre-alerts' }),
    };
    const body = new URLSearchParams({ ssl_check: '1', payload: JSON.stringify(click) }).toString();
    const sslCheck = await postSigned(
      `${h.url}/slack/events`,
      SIGNING_SECRET,
      body,
      'application/x-www-form-urlencoded',
    );
    expect(sslCheck.status).toBe(200);
    // Witness: a request sent after it was acted on; the smuggled click was not.
    await helpAnswered(h);
    const [incident] = await h.store.incidents.listOpen();
    expect(incident?.status).toBe('open');
    expect(incident?.acknowledgedBy).toBeUndefined();
  });

  it("answers Slack's URL verification with its challenge, and nothing else", async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'deprecated', challenge: 'c-42' });
    const answer = await postSigned(`${h.url}/slack/events`, SIGNING_SECRET, body, 'application/json');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: 'c-42' });
    const unsigned = await postSigned(`${h.url}/slack/events`, 'not-the-secret', body, 'application/json');
    expect(unsigned.status).toBe(401);
  });

  it('acks a signed /incident at once and answers through response_url', async () => {
    const result = await h.emulator.sendSlashCommand('/incident', { text: 'aide' });
    expect(result.status).toBe(200);
    const reply = await h.emulator.waitFor(
      () => h.emulator.state.responses.find((r) => r.id === result.responseId),
      3000,
      'help reply',
    );
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.body)).toContain('`liste [mots]` (`list`)');
  });

  it('/incident list shows the open incidents; an unknown subcommand answers with help', async () => {
    await h.postAlerts(fixture('calendar-queue-firing'));
    const list = await h.emulator.sendSlashCommand('/incident', { text: 'list' });
    const reply = await h.emulator.waitFor(
      () => h.emulator.state.responses.find((r) => r.id === list.responseId),
      3000,
      'list reply',
    );
    expect(JSON.stringify(reply.body)).toContain('Exports ICS en attente');
    expect(JSON.stringify(reply.body)).toContain('#integrations');

    const unknown = await h.emulator.sendSlashCommand('/incident', { text: 'frobnicate' });
    const help = await h.emulator.waitFor(
      () => h.emulator.state.responses.find((r) => r.id === unknown.responseId),
      3000,
      'help',
    );
    expect(JSON.stringify(help.body)).toContain('Sous-commande inconnue : `frobnicate`');
    expect(JSON.stringify(help.body)).toContain('`prendre [id]` (`ack`)');
  });

  it('answers a mention in its thread, and a retried event (same event_id) only once', async () => {
    await h.postAlerts(fixture('calendar-queue-firing'));
    const channel = h.emulator.state.channelByRef('#integrations')?.id ?? '';
    const event = {
      type: 'app_mention',
      user: 'U0SRE0001',
      text: '<@U0VIGIE> quoi de neuf ?',
      ts: '1795740000.000100',
      channel,
      event_ts: '1795740000.000100',
    };
    expect((await h.emulator.sendEvent(event, 'Ev0001')).status).toBe(200);
    expect((await h.emulator.sendEvent(event, 'Ev0001', 1)).status).toBe(200);
    const reply = await h.emulator.waitFor(
      () => h.emulator.state.messages.find((m) => m.threadTs === event.ts),
      3000,
      'mention reply',
    );
    expect(reply.text).toContain('1 incident ouvert');
    expect(reply.text).not.toContain('(s)');
    // Witness: a new mention sent after the retry is answered; the retry itself never was.
    const later = { ...event, ts: '1795740000.000101', event_ts: '1795740000.000101' };
    expect((await h.emulator.sendEvent(later, 'Ev0002')).status).toBe(200);
    await h.emulator.waitFor(
      () => h.emulator.state.messages.find((m) => m.threadTs === later.ts),
      3000,
      'reply to the later mention',
    );
    expect(h.emulator.state.messages.filter((m) => m.threadTs === event.ts)).toHaveLength(1);
  });

  it('publishes the App Home tab with the open incidents when a user opens it', async () => {
    await h.postAlerts(fixture('api-latency-firing'));
    const event = {
      type: 'app_home_opened',
      user: 'U0SRE0001',
      channel: 'D0VIGIE01',
      tab: 'home',
      event_ts: '1795740000.000200',
    };
    expect((await h.emulator.sendEvent(event, 'EvHome1')).status).toBe(200);
    const view = await h.emulator.waitFor(
      () => h.emulator.state.views.find((v) => v.method === 'views.publish'),
      3000,
      'home view',
    );
    expect(view.userId).toBe('U0SRE0001');
    expect(JSON.stringify(view.view)).toContain('Latence p95');
    expect(JSON.stringify(view.view)).toContain("Budget d'erreur");
  });

  it('asks Slack who the bot is once, at start, not before each request', async () => {
    const before = h.emulator.state.calls.filter((c) => c.method === 'auth.test').length;
    const sent = await Promise.all(
      Array.from({ length: 5 }, () => h.emulator.sendSlashCommand('/incident', { text: 'aide' })),
    );
    for (const result of sent) {
      expect(result.status).toBe(200);
      await h.emulator.waitFor(
        () => h.emulator.state.responses.find((r) => r.id === result.responseId),
        3000,
        'help reply',
      );
    }
    expect(before).toBe(1);
    expect(h.emulator.state.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });
});

import path from 'node:path';
import { Writable } from 'node:stream';
import { createVigie } from '../../src/app';
import type { Vigie } from '../../src/app';
import { createLogger } from '../../src/observability/logger';
import { loadRunbooks } from '../../src/runbooks/loader';
import { startLocalSandbox } from '../../src/sandbox/local-sandbox';
import type { LocalSandbox } from '../../src/sandbox/local-sandbox';
import { createMemoryStore } from '../../src/store/memory/memory-store';
import { fixture } from '../support/harness';

describe('the local sandbox (npm start without a Slack token)', () => {
  let sandbox: LocalSandbox;
  let vigie: Vigie;
  let url: string;
  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const quiet = createLogger('warn', new Writable({ write: (_c, _e, done) => done() }));
    const runbooks = await loadRunbooks(path.join(__dirname, '../../runbooks'));
    sandbox = await startLocalSandbox(quiet, runbooks.contacts);
    vigie = createVigie({
      logger: quiet,
      store: createMemoryStore(),
      runbooks,
      slack: { botToken: sandbox.botToken, signingSecret: sandbox.signingSecret, apiUrl: sandbox.apiUrl },
      alertmanagerToken: undefined,
      alertsMaxBodyBytes: 1024 * 1024,
      defaultChannel: '#sre-alerts',
      escalationChannel: '#sre-escalations',
      ops: { baseUrl: undefined, token: undefined, dryRun: true },
      pagerduty: { eventsUrl: 'http://127.0.0.1:9/v2/enqueue', routingKeys: {}, retryDelaysMs: [] },
      email: { smtpUrl: undefined, from: 'vigie@sandbox' },
      locale: 'fr',
      extraRoutes: sandbox.routes,
      cardSync: { pollMs: 50 },
    });
    url = await vigie.listen(0, '127.0.0.1');
    sandbox.emulator.connectTo(`${url}/slack/events`, sandbox.signingSecret);
  });
  afterAll(async () => {
    await vigie.close();
    await sandbox.close();
  });

  it('plays an incident from curl: alert, card, a mitigation in dry run, a command', async () => {
    await fetch(`${url}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fixture('api-5xx-firing-two-routes'),
    });
    const card = await sandbox.emulator.waitFor(
      () => sandbox.emulator.messagesIn('#sre-alerts')[0],
      5000,
      'card',
    );
    const state = (await (await fetch(`${url}/sandbox/slack/state`)).json()) as {
      messages: Array<{ ts: string }>;
    };
    expect(state.messages[0]?.ts).toBe(card.ts);

    expect(await post('/sandbox/slack/click', { ts: card.ts, action: 'incident.mitigate:rollback' })).toEqual(
      { status: 200, json: { vigieStatus: 200 } },
    );
    await sandbox.emulator.waitFor(
      () => JSON.stringify(card.blocks).includes('🧪 simulé (dry run)'),
      5000,
      'dry run on card',
    );
    expect(JSON.stringify(card.blocks)).toContain(
      'POST $OPS_API_URL/ops/v1/services/backend-api/deployments/rollback',
    );

    const status = await post('/sandbox/slack/command', { text: 'statut' });
    expect(JSON.stringify(status.json)).toContain('Rollback dernier déploiement : 🧪 simulé (dry run)');
    expect((await post('/sandbox/slack/click', { ts: 'nope', action: 'x' })).status).toBe(404);

    // Escalation works on the memory store too: /incident escalate reaches the escalation channel.
    expect(JSON.stringify((await post('/sandbox/slack/command', { text: 'escalader' })).json)).toContain(
      'INC-1 escaladé',
    );
    const escalation = await sandbox.emulator.waitFor(
      () => sandbox.emulator.messagesIn('#sre-escalations')[0],
      5000,
      'escalation message',
    );
    expect(escalation.text).toContain('<!subteam^S0TECHLEAD1>');
  });
});

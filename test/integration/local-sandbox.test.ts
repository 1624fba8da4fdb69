import { DEFAULT_PAGERDUTY_RETRY_DELAYS_MS } from '../../src/config/config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createVigie } from '../../src/app';
import type { Vigie } from '../../src/app';
import { createLogger } from '../../src/observability/logger';
import { loadRunbooks } from '../../src/runbooks/loader';
import { startLocalSandbox } from '../../src/sandbox/local-sandbox';
import type { LocalSandbox } from '../../src/sandbox/local-sandbox';
import { createMemoryStore } from '../../src/store/memory/memory-store';
import type { Store } from '../../src/store/store';
import { fixture } from '../support/harness';
import { messages } from '../../src/i18n';

describe('the local sandbox (npm start without a Slack token)', () => {
  let sandbox: LocalSandbox;
  let vigie: Vigie;
  let url: string;
  let store: Store;
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
    store = createMemoryStore();
    vigie = createVigie({
      logger: quiet,
      store,
      runbooks,
      slack: { botToken: sandbox.botToken, signingSecret: sandbox.signingSecret, apiUrl: sandbox.apiUrl },
      alertmanagerToken: undefined,
      alertsMaxBodyBytes: 1024 * 1024,
      defaultChannel: '#sre-alerts',
      escalationChannel: '#sre-escalations',
      ops: { baseUrl: undefined, token: undefined, dryRun: true },
      pagerduty: {
        eventsUrl: sandbox.pagerdutyUrl,
        routingKeys: sandbox.routingKeys,
        retryDelaysMs: DEFAULT_PAGERDUTY_RETRY_DELAYS_MS,
      },
      email: { smtpUrl: undefined, from: 'vigie@sandbox', capture: sandbox.recorder.captureEmail },
      locale: 'fr',
      postmortemTemplate: readFileSync(path.join(__dirname, '../../docs/compliance/postmortem.md'), 'utf8'),
      extraRoutes: sandbox.routes,
    });
    url = await vigie.listen(0, '127.0.0.1');
    sandbox.emulator.connectTo(`${url}/slack/events`, sandbox.signingSecret);
    sandbox.attach({
      selfUrl: url,
      alertmanagerToken: undefined,
      incidents: store.incidents,
      registry: vigie.registry,
      messages: messages('fr'),
    });
  });
  afterAll(async () => {
    await vigie.close();
    await sandbox.close();
  });

  /** The answer Vigie sent to a click's response_url, once it came. */
  const answerTo = (responseId: string) =>
    sandbox.emulator.waitFor(
      () => sandbox.emulator.state.responses.find((r) => r.id === responseId),
      5000,
      `the answer to ${responseId}`,
    );

  /**
   * A command answering with a prompt (`/incident escalader …`, `/incident mitiger …`) in the sandbox,
   * then the prompt's button; returns the prompt and what replaced it.
   */
  const pressPrompt = async (
    command: string,
    channel: string,
    button = 'incident\\.escalate',
  ): Promise<{ prompt: string; promptId: string; action: string; answer: string }> => {
    const asked = await post('/sandbox/slack/command', { text: command, channel });
    const { reply, responseId: promptId } = asked.json as { reply: unknown; responseId: string };
    const prompt = JSON.stringify(reply);
    const action = new RegExp(`"action_id":"(${button}:[^"]+)"`).exec(prompt)?.[1] ?? 'none';
    const clicked = await post('/sandbox/slack/click', { responseId: promptId, channel, action });
    expect(clicked.json).toMatchObject({ vigieStatus: 200 });
    const answer = await answerTo((clicked.json as { responseId: string }).responseId);
    // The prompt is replaced where it was pressed (Slack shows the answer instead): no button left.
    expect(answer.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(sandbox.emulator.state.responses.find((r) => r.id === promptId)?.replacedBy).toBe(answer.id);
    return { prompt, promptId, action, answer: String(answer.body.text) };
  };

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

    expect(
      await post('/sandbox/slack/click', { ts: card.ts, action: 'incident.mitigate:rollback' }),
    ).toMatchObject({ status: 200, json: { vigieStatus: 200 } });
    await sandbox.emulator.waitFor(
      () => JSON.stringify(card.blocks).includes('🧪 simulée, rien envoyé'),
      5000,
      'dry run on card',
    );
    expect(JSON.stringify(card.blocks)).toContain(
      'POST $OPS_API_URL/ops/v1/services/backend-api/deployments/rollback',
    );
    // The panel names the run as the card does, and the opening page in words, with where it points.
    await sandbox.emulator.waitFor(
      () => sandbox.recorder.pages.find((p) => p.action === 'trigger'),
      5000,
      'the opening page, kept by the sandbox',
    );
    const panel = (await (await fetch(`${url}/sandbox/integrations`)).json()) as {
      mitigations: Array<{ mitigation: string; label: string }>;
      pages: Array<{ action: string; said: string; source: string; eventClass: string }>;
    };
    expect(panel.mitigations).toEqual([
      expect.objectContaining({ mitigation: 'rollback', label: 'Rollback dernier déploiement' }),
    ]);
    expect(panel.pages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'trigger',
          said: 'déclenchement',
          source: 'service=backend-api, env=prod',
          eventClass: 'api.5xx',
        }),
      ]),
    );

    const status = await post('/sandbox/slack/command', { text: 'statut' });
    expect(JSON.stringify(status.json)).toContain('Rollback dernier déploiement : 🧪 simulée, rien envoyé');
    // The same mitigation from a command: its prompt becomes the run started (simulated here).
    const mitigated = await pressPrompt('mitiger rollback', 'sre-alerts', 'incident\\.mitigate');
    // Its dialog names the service as the card's does (from the first alert in card order).
    expect(mitigated.prompt).toContain('Le dernier déploiement de backend-api (prod) sera annulé.');
    expect(mitigated.answer).toBe(
      "🛠️ Mitigation « Rollback dernier déploiement » simulée (rien envoyé) sur INC-1, exécution n° 2 : son résultat s'affiche sur la carte et dans son fil.",
    );
    expect((await post('/sandbox/slack/click', { ts: 'nope', action: 'x' })).status).toBe(404);

    // Escalation works on the memory store too: /incident escalate asks, its button reaches the channel.
    const escalated = await pressPrompt('escalader', 'sre-alerts');
    expect(escalated.prompt).toContain('Escalader INC-1 maintenant ?');
    expect(escalated.answer).toBe(
      '🚨 Escalade de INC-1 déclenchée : _Si &gt; 15 min sans résolution, contacter Tech Lead + On-call Backend._ — joindra Tech Lead, On-call Backend (PagerDuty, Slack). Le fil de sa carte suit chaque envoi.',
    );
    // A second press on the same prompt (before Slack replaced it) fires nothing and says why, in its place.
    const again = await post('/sandbox/slack/click', {
      responseId: escalated.promptId,
      channel: 'sre-alerts',
      action: escalated.action,
    });
    const refused = await answerTo((again.json as { responseId: string }).responseId);
    expect(refused.body).toMatchObject({ replace_original: true });
    expect(String(refused.body.text)).toContain('Cette escalade a déjà été déclenchée');
    const escalation = await sandbox.emulator.waitFor(
      () => sandbox.emulator.messagesIn('#sre-escalations')[0],
      5000,
      'escalation message',
    );
    expect(escalation.text).toContain('<!subteam^S0TECHLEAD1>');
  });

  it('simulates an alert as Alertmanager would, and shows pages in the integrations panel instead of sending them', async () => {
    const fired = await post('/sandbox/alerts/simulate', { runbook: 'calendar.queue', status: 'firing' });
    expect(fired.json).toMatchObject({
      status: 'stored',
      incidents: [expect.objectContaining({ outcome: 'opened', said: 'ouvert' })],
    });
    const card = await sandbox.emulator.waitFor(
      () => sandbox.emulator.messagesIn('#integrations')[0],
      5000,
      'calendar card',
    );
    expect(card.text).toContain('Exports ICS');
    await pressPrompt('escalader INC-2', 'integrations');
    await sandbox.emulator.waitFor(
      () => sandbox.recorder.emails.some((e) => e.to.includes('integrations@jmd.example')),
      5000,
      'the escalation email, kept by the sandbox',
    );
    const panel = (await (await fetch(`${url}/sandbox/integrations`)).json()) as {
      emails: Array<{ subject: string }>;
    };
    expect(panel.emails.map((e) => e.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('[Vigie] Escalade INC-2')]),
    );
    expect(sandbox.recorder.emails.map((e) => e.to).flat()).toEqual(
      expect.arrayContaining(['integrations@jmd.example']),
    );
    const resolved = await post('/sandbox/alerts/simulate', {
      runbook: 'calendar.queue',
      status: 'resolved',
    });
    expect(resolved.json).toMatchObject({
      incidents: [expect.objectContaining({ outcome: 'resolved', said: 'résolu' })],
    });
    expect((await post('/sandbox/alerts/simulate', { runbook: 'nope', status: 'firing' })).status).toBe(404);

    // A prompt's dialog names a label that is not the group's too: the audit alert's organisation.
    const audit = await post('/sandbox/alerts/simulate', { runbook: 'audit.job.failure', status: 'firing' });
    const auditId = (audit.json as { incidents: Array<{ incidentId: string }> }).incidents[0]?.incidentId;
    const rerun = await pressPrompt(
      `mitiger rerun-retention-job ${auditId ?? '?'}`,
      'sre-alerts',
      'incident\\.mitigate',
    );
    expect(rerun.prompt).toContain(
      "POST /api/v1/audit/organizations/org-4711/retention/run sera appelé pour l'organisation org-4711.",
    );
  });
});

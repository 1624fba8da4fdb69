import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OpsStandIn } from '../support/ops-standin';
import { runbooksWith } from '../support/runbooks';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, responseTo, startHarness, USERS } from '../support/harness';

const text = (r: { body: unknown }) => JSON.stringify(r.body);

describe('the card, clicked as Slack would', () => {
  const ops = new OpsStandIn();
  let h: Harness;
  beforeEach(async () => {
    await ops.start();
    h = await startHarness({ ops: { baseUrl: ops.url } });
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
  });
  afterEach(async () => {
    await h.close();
    await ops.stop();
    ops.requests.length = 0;
  });

  it('"Prendre en charge" sets the responder on the card, in the timeline and the audit log', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.clickButton(card, 'incident.ack', USERS.techLead);
    await h.emulator.waitFor(
      () => blockText(card).includes(`Pris en charge (par <@${USERS.techLead}>)`),
      5000,
      'ack on card',
    );
    expect(blockText(card)).toContain('Prise en charge');
    expect(await h.store.audit.list('INC-1')).toEqual([
      expect.objectContaining({ actor: USERS.techLead, action: 'acknowledge', outcome: 'changed' }),
    ]);
  });

  it('two responders pressing « Prendre en charge » on the same card: the second is told who has it', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // The card as both saw it, before either press reached Vigie.
    const seen = { channel: card.channel, ts: card.ts, blocks: structuredClone(card.blocks) };
    await h.emulator.clickButton(seen, 'incident.ack', USERS.techLead);
    await h.emulator.waitFor(
      () => blockText(card).includes(`Pris en charge (par <@${USERS.techLead}>)`),
      5000,
      'ack on card',
    );
    const second = await h.emulator.clickButton(seen, 'incident.ack', USERS.sre);
    expect(text(await responseTo(h, second.responseId))).toContain(
      `INC-1 est déjà pris en charge par <@${USERS.techLead}>`,
    );
    expect((await h.store.incidents.get('INC-1'))?.acknowledgedBy).toBe(USERS.techLead);
  });

  it('« Résoudre » on the card opens the resolve modal; blank fields are refused; the resolved card keeps no buttons', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    expect((await h.emulator.clickButton(card, 'incident.resolve', USERS.sre)).status).toBe(200);
    const modal = await h.emulator.waitFor(
      () => h.emulator.state.views.find((v) => v.method === 'views.open'),
      5000,
      'the resolve modal',
    );
    const blank = await h.emulator.submitView(
      modal,
      { cause: '   ', summary: 'Rollback 4.1', impact: '' },
      USERS.sre,
    );
    expect(blank.body).toContain('response_action');
    const refused = JSON.parse(blank.body) as { errors?: Record<string, string> };
    expect(refused.errors?.cause).toContain('À remplir');
    expect(refused.errors?.impact).toContain('À remplir');
    expect(refused.errors?.summary).toBeUndefined();
    expect((await h.store.incidents.get('INC-1'))?.status).toBe('open');
    const done = await h.emulator.submitView(
      modal,
      { cause: 'Déploiement 4.2', summary: 'Rollback 4.1', impact: '5xx pendant 10 min' },
      USERS.sre,
    );
    expect(done.status).toBe(200);
    await h.emulator.waitFor(() => card.text.includes('✅ Résolu'), 5000, 'resolved card');
    const buttons = JSON.stringify(card.blocks).match(/"type":"button"/g) ?? [];
    expect(buttons).toEqual([]);
  });

  it('ticks and unticks a triage step, showing who and when; its link opens Grafana filtered by path', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    expect(blockText(card)).toContain(
      'https://grafana.jmd.example/d/api-core/api-core?var-path=%2Fapi%2Fv1%2Fnotifications',
    );
    await h.emulator.clickButton(card, 'incident.triage:grafana-api-core', USERS.sre);
    await h.emulator.waitFor(() => blockText(card).includes(`coché par <@${USERS.sre}>`), 5000, 'ticked');
    expect(blockText(card)).toContain('✅ 1. Ouvrir Grafana');
    await h.emulator.clickButton(card, 'incident.triage:grafana-api-core', USERS.techLead);
    await h.emulator.waitFor(() => blockText(card).includes('⬜ 1. Ouvrir Grafana'), 5000, 'unticked');
    expect((await h.store.audit.list('INC-1')).map((e) => e.action)).toEqual([
      'triage.check',
      'triage.uncheck',
    ]);
  });

  it('refuses a user outside the allowed roles, privately, and audits the attempt; nothing is called', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const click = await h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.stranger);
    expect(text(await responseTo(h, click.responseId))).toContain("Vous n'êtes pas autorisé·e");
    expect(text(await responseTo(h, click.responseId))).toContain('Tech Lead, On-call Backend, Équipe SRE');
    expect(ops.requests).toEqual([]);
    expect(await h.store.audit.list('INC-1')).toEqual([
      expect.objectContaining({
        actor: USERS.stranger,
        action: 'mitigation.rollback',
        outcome: 'denied:not_in_roles',
      }),
    ]);
  });

  it('two responders pressing the same mitigation at once: it runs once', async () => {
    ops.script('/rollback', { status: 200, delayMs: 400 });
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const [a, b] = await Promise.all([
      h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre),
      h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.techLead),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const refused = await h.emulator.waitFor(
      () => h.emulator.state.responses.find((r) => [a.responseId, b.responseId].includes(r.id)),
      5000,
      'one refusal',
    );
    expect(text(refused)).toContain('déjà en cours');
    await h.emulator.waitFor(() => blockText(card).includes('✅ réussi'), 5000, 'outcome');
    expect(ops.requests).toHaveLength(1);
  });

  it('refuses forged button values (tampered JSON, unknown incident, old generation) and changes nothing', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const version = (await h.store.incidents.get('INC-1'))?.version;
    const tamper = (value: string) => {
      const blocks = structuredClone(card.blocks) as Array<{
        accessory?: { action_id?: string; value?: string };
      }>;
      const button = blocks.find((b) => b.accessory?.action_id === 'incident.mitigate:rollback')?.accessory;
      if (button === undefined) throw new Error('no rollback button');
      button.value = value;
      return { ...card, blocks };
    };
    const cases: Array<[string, string]> = [
      ['{"v":1,"i":"INC-1","g":1,"s":"rollback"', "n'est pas valide"],
      ['{"v":9,"i":"INC-1","g":1,"s":"rollback"}', "n'est pas valide"],
      ['{"v":1,"i":"INC-999","g":1,"s":"rollback"}', 'INC-999 introuvable'],
      ['{"v":1,"i":"INC-1","g":7,"s":"rollback"}', "n'est plus à jour"],
      ['{"v":1,"i":"INC-1","g":1,"s":"rm-rf"}', 'Mitigation inconnue : rm-rf'],
    ];
    for (const [value, expected] of cases) {
      const click = await h.emulator.clickButton(tamper(value), 'incident.mitigate:rollback', USERS.sre);
      expect(text(await responseTo(h, click.responseId))).toContain(expected);
    }
    expect(ops.requests).toEqual([]);
    expect((await h.store.incidents.get('INC-1'))?.version).toBe(version);
  });

  it('refuses, politely, a mitigation pressed on a resolved incident', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const oldBlocks = structuredClone(card.blocks);
    await h.postAlerts(fixture('api-5xx-one-route-resolved'));
    await h.postAlerts(fixture('api-5xx-all-resolved'));
    await h.emulator.waitFor(() => card.text.includes('✅ Résolu'), 5000, 'resolved');
    expect(blockText(card)).not.toContain('incident.mitigate:');
    const click = await h.emulator.clickButton(
      { ...card, blocks: oldBlocks },
      'incident.mitigate:rollback',
      USERS.sre,
    );
    expect(text(await responseTo(h, click.responseId))).toContain('INC-1 est résolu');
    expect(ops.requests).toEqual([]);
  });

  it('shows an ops API 500 on the card, and a retry from the card runs again with a new idempotency key', async () => {
    ops.script('/rollback', { status: 500, body: { message: 'deploy service down' } });
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre);
    await h.emulator.waitFor(() => blockText(card).includes('❌ échec'), 5000, 'failure on card');
    expect(blockText(card)).toContain('HTTP 500');
    expect(blockText(card)).toContain('deploy service down');
    expect(blockText(card)).toContain('Réessayer : Rollback');
    await h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre);
    await h.emulator.waitFor(() => blockText(card).includes('✅ réussi'), 5000, 'retry succeeded');
    expect(ops.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      'vigie:INC-1:rollback:1',
      'vigie:INC-1:rollback:2',
    ]);
    expect((await h.store.incidents.get('INC-1'))?.status).toBe('open');
  });

  it('acks at once while a slow ops API is still working: the ack never waits for the action', async () => {
    ops.script('/rollback', { status: 200, delayMs: 3500 });
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const click = await h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre);
    const ackedAt = Date.now();
    expect(click.status).toBe(200);
    await h.emulator.waitFor(() => blockText(card).includes('⏳ en cours'), 3000, 'running on card');
    await h.emulator.waitFor(() => blockText(card).includes('✅ réussi'), 8000, 'finished');
    const answeredAt = ops.requests[0]!.at + 3500;
    expect(ackedAt).toBeLessThan(answeredAt);
  });
});

describe('ops API unreachable or too slow', () => {
  it('a timeout and a refused connection each show as a failure; the incident stays intact', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigie-rb-'));
    await cp(path.join(__dirname, '../../runbooks'), dir, { recursive: true });
    const file = path.join(dir, 'api.5xx.yml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('      timeout: 30s', '      timeout: 300ms'),
    );
    const ops = new OpsStandIn();
    await ops.start();
    ops.script('/rollback', { status: 200, delayMs: 2000 });
    const h = await startHarness({ runbooksDir: dir, ops: { baseUrl: ops.url } });
    try {
      await h.postAlerts(fixture('api-5xx-firing-two-routes'));
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      await h.emulator.clickButton(card, 'incident.mitigate:rollback', USERS.sre);
      await h.emulator.waitFor(
        () => blockText(card).includes("pas de réponse en 300 ms : l'API ops a pu agir"),
        5000,
        'timeout shown',
      );
      await ops.stop();
      await h.emulator.clickButton(card, 'incident.mitigate:circuit-breaker', USERS.sre);
      await h.emulator.waitFor(
        () => blockText(card).includes("connexion refusée par l'API ops"),
        5000,
        'refused shown',
      );
      const incident = await h.store.incidents.get('INC-1');
      expect(incident?.status).toBe('open');
      expect(incident?.mitigations.rollback?.[0]?.status).toBe('failed');
    } finally {
      await h.close();
      await ops.stop();
    }
  });
});

describe('OPS_DRY_RUN', () => {
  it('shows exactly what would be called, and calls nothing', async () => {
    const ops = new OpsStandIn();
    await ops.start();
    const h = await startHarness({ ops: { baseUrl: ops.url, dryRun: true } });
    try {
      await h.postAlerts(fixture('audit-job-failure-firing'));
      const card = await cardIn(h, '#sre-alerts', 'rétention audit');
      await h.emulator.clickButton(card, 'incident.mitigate:rerun-retention-job', USERS.sre);
      await h.emulator.waitFor(
        () => blockText(card).includes('🧪 simulée, rien envoyé'),
        5000,
        'dry run on card',
      );
      expect(blockText(card)).toContain(
        `POST ${ops.url}/api/v1/audit/organizations/org-4711/retention/run (Idempotency-Key: vigie:INC-1:rerun-retention-job:1)`,
      );
      expect(ops.requests).toEqual([]);
    } finally {
      await h.close();
      await ops.stop();
    }
  });
});

describe('a link mitigation', () => {
  it('records and shows the console link, and calls nothing', async () => {
    const dir = await runbooksWith({
      'api.5xx.yml': [
        [
          "      type: http\n      method: POST\n      path: /ops/v1/circuit-breakers/external-connectors/open\n      body: { service: '{{labels.service}}', environment: '{{labels.env}}' }",
          "      type: link\n      url: '{{urls.ops_console}}/circuit-breakers?service={{labels.service}}'",
        ],
      ],
    });
    const ops = new OpsStandIn();
    await ops.start();
    const h = await startHarness({ runbooksDir: dir, ops: { baseUrl: ops.url } });
    try {
      await h.postAlerts(fixture('api-5xx-firing-two-routes'));
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      await h.emulator.clickButton(card, 'incident.mitigate:circuit-breaker', USERS.sre);
      await h.emulator.waitFor(
        () => blockText(card).includes('https://ops.jmd.example/circuit-breakers?service=backend-api'),
        5000,
        'link on card',
      );
      expect(ops.requests).toEqual([]);
    } finally {
      await h.close();
      await ops.stop();
    }
  });
});

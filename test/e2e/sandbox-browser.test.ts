import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { OpsStandIn } from '../support/ops-standin';
import { PrometheusStandIn } from '../support/prometheus-standin';
import { runbooksWith } from '../support/runbooks';
import type { Replica } from '../support/replica';
import { startReplica } from '../support/replica';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '../../test-artifacts');
const FIXTURES = path.join(__dirname, '../fixtures/alertmanager');

/** The month's error budget as a surface words it: « 1 h consommés sur 3 h 36 min (28 %) ». */
const BUDGET = /Budget d.erreur(?: du mois)? : ([^()]*?) consommés sur ([^()]*?) \((\d+) %\)/;

/** A whole api.5xx incident played in the sandbox page, in real headless Chromium, as a newcomer would. */
describe('the sandbox page in a browser', () => {
  let vigie: Replica;
  let browser: Browser;
  let page: Page;
  // The ops API stand-in: the rollback really runs (and succeeds), as it would in production.
  const ops = new OpsStandIn(200);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    // `npm start` on a laptop (no Slack token, no Redis), with an ops API to call.
    await ops.start();
    vigie = await startReplica({
      LOG_LEVEL: 'warn',
      OPS_API_URL: ops.url,
      OPS_API_TOKEN: 'ops-test-token',
      OPS_DRY_RUN: 'false',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await vigie?.stop();
    await ops.stop();
  });

  it('plays the README’s fixture and an audit incident: start, budget, deadlines, a rollback that ran, the resolution', async () => {
    await page.goto(`${vigie.url}/sandbox`);
    await page.locator('#sim-runbook option[value="api.5xx"]').waitFor({ state: 'attached' });
    // The README's fixture, as its curl line sends it: an alert Alertmanager says started on 27 Nov.
    const readme = readFileSync(path.join(FIXTURES, 'api-5xx-firing-two-routes.json'), 'utf8');
    expect((await postAlerts(readme)).status).toBe(200);

    const card = page.locator('.message', { hasText: "Hausse des erreurs HTTP 5xx sur l'API" }).first();
    await card.waitFor();
    await expectText(card, 'Routes touchées');
    await expectText(card, 'Ouvrir Grafana tableau « API Core »');
    expect(await page.locator('#channel-title').textContent()).toBe('# sre-alerts');

    // « Début » is the alert's start (as this browser shows a Slack date), then when Vigie received it.
    const start = new Date(
      (JSON.parse(readme) as { alerts: Array<{ startsAt: string }> }).alerts[0]?.startsAt ?? '',
    );
    const startShown = `${start.toLocaleDateString('fr-FR', { day: 'numeric', month: 'short' })} ${start.toLocaleTimeString('fr-FR')}`;
    await expectText(card, `Début${startShown}`);
    await expectText(card, 'reçu par Vigie le');
    await expectText(card, "budget d'erreur compté depuis le");

    await card.getByRole('button', { name: 'Prendre en charge' }).click();
    await expectText(card, 'Pris en charge (par');

    await card.locator('[data-action="incident.triage:grafana-api-core"]').click();
    await expectText(card, 'coché par');

    await card.locator('[data-action="incident.mitigate:rollback"]').click();
    const dialog = page.getByRole('alertdialog');
    await expectText(dialog, 'Rollback du déploiement ?');
    await dialog.getByRole('button', { name: 'Rollback' }).click();
    await expectText(card, '✅ réussie');
    // The integrations panel words the run's status from the catalogue too (no « succeeded »).
    await expectText(page.locator('#integrations'), '(✅ réussie)');
    // … names the run as the card does (not its id), and the pages in words with where they point.
    await expectText(page.locator('#integrations'), 'Rollback dernier déploiement (✅ réussie)');
    await expectText(page.locator('#integrations'), 'PagerDuty prise en charge');
    await expectText(page.locator('#integrations'), 'PagerDuty déclenchement');
    await expectText(page.locator('#integrations'), 'source service=backend-api, env=prod');
    // Ran once: the button now says « Relancer », and its dialog says who ran it.
    const rerun = card.locator('[data-action="incident.mitigate:rollback"]');
    await expectText(rerun, 'Relancer : Rollback dernier déploiement');
    expect(ops.requests.filter((r) => r.path.endsWith('/deployments/rollback'))).toHaveLength(1);

    // An audit incident Alertmanager says failed on 27 Nov: the RPO (24 h, counted from that start as
    // the card counts it) is long past, so the DPO is notified at once, not « tomorrow ».
    const audit = readFileSync(path.join(FIXTURES, 'audit-job-failure-firing.json'), 'utf8');
    expect((await postAlerts(audit)).status).toBe(200);
    const auditCard = page.locator('.message', { hasText: 'rétention audit' }).first();
    await auditCard.waitFor();
    await expectText(auditCard, 'RPO dépassé');
    await expectText(
      auditCard,
      'Escalade transmise : Notifier DPO si retard > 24 h (RPO) — email dpo@jmd.example : envoyé',
    );
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toLocaleDateString('fr-FR', {
      day: 'numeric',
      month: 'short',
    });
    expect(await auditCard.textContent()).not.toContain(`le ${tomorrow}`);

    await page.fill('#command', '/incident resoudre INC-1');
    await page.press('#command', 'Enter');
    const modal = page.locator('#modal-form');
    await expectText(modal, 'Résoudre INC-1');
    // As in Slack: a required field cannot be sent empty, an optional one can.
    expect(await modal.locator('[name="cause"]').getAttribute('required')).not.toBeNull();
    expect(await modal.locator('[name="impact_start"]').getAttribute('required')).toBeNull();
    await modal.locator('[name="cause"]').fill('Déploiement 4.2 défectueux');
    await modal.locator('[name="summary"]').fill('Rollback effectué depuis Vigie');
    await modal.locator('[name="impact"]').fill('Erreurs 5xx pendant 10 min');
    // A wrong impact window: each field says what is wrong with it, the modal stays open.
    const startError = modal.locator('[data-error="impact_start"]');
    const endError = modal.locator('[data-error="impact_end"]');
    await modal.locator('[name="impact_start"]').fill('2026-02-30 10:00');
    await modal.locator('[name="impact_end"]').fill('hier');
    await modal.getByRole('button', { name: 'Résoudre' }).click();
    await expectText(startError, "« 2026-02-30 10:00 » n'est pas une date et heure valides");
    await expectText(endError, '« hier »');
    // The start fixed, its error goes; the end (now before the start) says why it is still wrong.
    await modal.locator('[name="impact_start"]').fill('2026-01-05 10:00');
    await modal.locator('[name="impact_end"]').fill('2026-01-05 09:00');
    await modal.getByRole('button', { name: 'Résoudre' }).click();
    await expectText(endError, 'La fin doit être après le début (2026-01-05 10:00).');
    expect(await startError.textContent()).toBe('');
    await modal.locator('[name="impact_start"]').fill('');
    await modal.locator('[name="impact_end"]').fill('');
    await modal.getByRole('button', { name: 'Résoudre' }).click();
    await expectText(card, 'Résolu par');
    await expectText(card, 'Déploiement 4.2 défectueux');
    // The post-mortem draft, shared as a file in the card's thread.
    await card.locator('[data-thread]').click();
    await expectText(card, 'Post-mortem INC-1 (brouillon)');
    await expectText(card, '## Chronologie');
    mkdirSync(ARTIFACTS, { recursive: true });
    await screenshotOf(card, 'sandbox-api5xx.png');

    // One budget figure: the same on the card, the post-mortem, /incident slo and App Home.
    const onCard = await budgetOf(card, 'card');
    const inPostmortem = await budgetOf(card.locator('.thread'), 'post-mortem');
    await page.fill('#command', '/incident slo');
    await page.press('#command', 'Enter');
    const inSlo = await budgetOf(
      page.locator('.ephemeral', { hasText: 'Objectifs SLO' }).last(),
      '/incident slo',
    );
    await page.locator('[data-home]').click();
    await expectText(page.locator('#messages'), 'Vigie — incidents ouverts');
    const onHome = await budgetOf(page.locator('#messages'), 'App Home');
    expect([inPostmortem, inSlo, onHome]).toEqual([onCard, onCard, onCard]);
    await page.locator('[data-channel]').first().click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-channel.png'), fullPage: true });

    // A reload, as in Slack, opens none of the modals opened before it (the resolve modal above)…
    await page.reload();
    await expectText(page.locator('.message', { hasText: 'rétention audit' }).first(), 'DPO');
    expect(await page.locator('#overlay').isHidden()).toBe(true);
    // …and still opens the next one.
    await page.fill('#command', '/incident resoudre INC-2');
    await page.press('#command', 'Enter');
    await expectText(page.locator('#modal-form'), 'Résoudre INC-2');
    await page.locator('#modal-close').click();
    await page.locator('#overlay').waitFor({ state: 'hidden' });
  }, 90_000);

  /** Delivers an Alertmanager body to the sandbox's /alerts (no token in the sandbox). */
  function postAlerts(body: string): Promise<Response> {
    return fetch(`${vigie.url}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  }
});

describe('a mitigation’s verdict in the sandbox page', () => {
  const ops = new OpsStandIn(200);
  const prometheus = new PrometheusStandIn();
  let vigie: Replica;
  let browser: Browser;

  beforeAll(async () => {
    await ops.start();
    await prometheus.start();
    // Runbook data: the check starts 1 s after the rollback and holds 2 s (5 min each in the seed).
    const dir = await runbooksWith({
      'api.5xx.yml': [['links:', 'verification: { after: 1s, hold: 2s }\nlinks:']],
    });
    vigie = await startReplica({
      LOG_LEVEL: 'warn',
      RUNBOOKS_DIR: dir,
      OPS_API_URL: ops.url,
      OPS_API_TOKEN: 'ops-test-token',
      OPS_DRY_RUN: 'false',
      PROMETHEUS_URL: prometheus.url,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await vigie?.stop();
    await ops.stop();
    await prometheus.stop();
  });

  it('the rollback’s check shows on the card, then its verdict, with the graph of the expression asked', async () => {
    prometheus.value = 0;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${vigie.url}/sandbox`);
    await page.locator('#sim-runbook option[value="api.5xx"]').waitFor({ state: 'attached' });
    await page.selectOption('#sim-runbook', 'api.5xx');
    await page.click('#sim-fire');
    const card = page.locator('.message', { hasText: "Hausse des erreurs HTTP 5xx sur l'API" }).first();
    await card.waitFor();
    await card.locator('[data-action="incident.mitigate:rollback"]').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rollback' }).click();
    await expectText(card, '🔎 Vérification en cours : Rollback dernier déploiement — alerte si > 0');
    await expectText(card, '✅ Rétabli après Rollback dernier déploiement : valeur 0 (alerte si > 0)');
    expect(await card.getByRole('link', { name: 'graphe', exact: true }).getAttribute('href')).toContain(
      '/graph?g0.expr=',
    );
    await card.locator('[data-thread]').click();
    await expectText(card.locator('.thread'), 'Vérification : ✅ Rétabli');
    mkdirSync(ARTIFACTS, { recursive: true });
    await screenshotOf(card, 'sandbox-verdict.png');
  }, 60_000);
});

/**
 * A card's picture for the artifacts. The card may be updated while it is taken (its budget line a
 * second after a change): the page then replaces its element, and the picture is taken again of the
 * new one.
 */
async function screenshotOf(card: Locator, file: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await card.screenshot({ path: path.join(ARTIFACTS, file) });
      return;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('not attached')) throw error;
    }
  }
}

/** The budget figure a surface shows, once it shows one. */
async function budgetOf(locator: Locator, surface: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = BUDGET.exec((await locator.textContent()) ?? '');
    if (found !== null) return `${found[1]} / ${found[2]} / ${found[3]} %`;
    if (Date.now() > deadline)
      throw new Error(`no budget figure on ${surface}: ${(await locator.textContent()) ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      throw new Error(
        `"${text}" never appeared; the element shows:\n${((await locator.first().textContent()) ?? '').slice(0, 1500)}`,
      );
    });
}

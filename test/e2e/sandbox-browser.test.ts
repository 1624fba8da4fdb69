import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { Replica } from '../support/replica';
import { startReplica } from '../support/replica';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '../../test-artifacts');

/** A whole api.5xx incident played in the sandbox page, in real headless Chromium, as a newcomer would. */
describe('the sandbox page in a browser', () => {
  let vigie: Replica;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    // Exactly `npm start` on a laptop: no Slack token, no Redis.
    vigie = await startReplica({ LOG_LEVEL: 'warn' });
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
  });

  it('fires api.5xx, takes the incident, ticks triage, runs the rollback through its confirm dialog, resolves through the modal', async () => {
    await page.goto(`${vigie.url}/sandbox`);
    await page.locator('#sim-runbook option[value="api.5xx"]').waitFor({ state: 'attached' });
    await page.selectOption('#sim-runbook', 'api.5xx');
    await page.click('#sim-fire');

    const card = page.locator('.message', { hasText: "Hausse des erreurs HTTP 5xx sur l'API" }).first();
    await card.waitFor();
    await expectText(card, 'Routes touchées');
    await expectText(card, 'Ouvrir Grafana tableau « API Core »');
    expect(await page.locator('#channel-title').textContent()).toBe('# sre-alerts');

    await card.getByRole('button', { name: 'Prendre en charge' }).click();
    await expectText(card, 'Pris en charge (par');

    await card.locator('[data-action="incident.triage:grafana-api-core"]').click();
    await expectText(card, 'coché par');

    await card.locator('[data-action="incident.mitigate:rollback"]').click();
    const dialog = page.getByRole('alertdialog');
    await expectText(dialog, 'Rollback du déploiement ?');
    await dialog.getByRole('button', { name: 'Rollback' }).click();
    await expectText(card, 'simulée, rien envoyé');
    await expectText(page.locator('#integrations'), 'rollback');

    await page.fill('#command', '/incident resoudre');
    await page.press('#command', 'Enter');
    const modal = page.locator('#modal-form');
    await expectText(modal, 'Résoudre INC-1');
    await modal.locator('[name="cause"]').fill('Déploiement 4.2 défectueux');
    await modal.locator('[name="summary"]').fill('Rollback effectué depuis Vigie');
    await modal.locator('[name="impact"]').fill('Erreurs 5xx pendant 10 min');
    await modal.getByRole('button', { name: 'Résoudre' }).click();
    await expectText(card, 'Résolu par');
    await expectText(card, 'Déploiement 4.2 défectueux');
    await expectText(page.locator('#integrations'), 'rollback');
    // The post-mortem draft, shared as a file in the card's thread.
    await card.locator('[data-thread]').click();
    await expectText(card, 'Post-mortem INC-1 (brouillon)');
    await expectText(card, '## Chronologie');

    await page.locator('[data-home]').click();
    await expectText(page.locator('#messages'), 'Vigie — incidents ouverts');
    await page.locator('[data-channel]').first().click();

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-api5xx.png'), fullPage: true });
  }, 60_000);
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
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

/**
 * Many-incidents benchmark, against real Redis and Vigie processes (Slack emulated, PagerDuty a
 * stand-in), printing figures and their targets:
 *  - 10,000 open incidents: no 503 while they open; after a restart, the reconciler's pass < 1 s,
 *    `/metrics` < 50 ms, RSS < 300 MB;
 *  - 1,000 escalations due in the same second (api.5xx « tech-lead » after 20 s): PagerDuty pages
 *    delivered p99 < 2 s after their deadline, with one replica and with two;
 *  - a mass storm, 1,000 api.5xx incidents opened within seconds: every one on Slack (its own card
 *    within the runbook's cards per minute, the rest on the storm's digest) < 60 s, no 429.
 * Run: npm run bench (needs redis-server on the PATH and a build of dist-bench).
 */
import path from 'node:path';
import { SlackEmulator } from '../src/sandbox/slack-emulator';
import { OpsStandIn } from '../test/support/ops-standin';
import { startRedisServer } from '../test/support/redis-server';
import { lostSaves } from './support/lost-saves';
import type { Measured } from './support/processes';
import { percentile, ROOT, startProcess } from './support/processes';
import { webhookBody } from './support/webhook-body';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const ROUTING_KEYS = {
  PAGERDUTY_ROUTING_KEY_TECH_LEAD: 'rk-tech-lead',
  PAGERDUTY_ROUTING_KEY_ONCALL_BACKEND: 'rk-oncall-backend',
  PAGERDUTY_ROUTING_KEY_DEVOPS: 'rk-devops',
};
const STEP_AFTER_MS = 20_000;

/** A copy of the runbooks whose api.5xx « tech-lead » step is due STEP_AFTER_MS after opening. */
async function runbooksWithShortStep(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-bench-runbooks-'));
  await cp(path.join(ROOT, 'runbooks'), dir, { recursive: true });
  const file = path.join(dir, 'api.5xx.yml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('when: { after: 15m }', `when: { after: ${STEP_AFTER_MS / 1000}s }`));
  return dir;
}

type Vigie = Measured;

/** A Vigie process's environment: one Redis (its own key prefix), the emulated Slack, the PagerDuty stand-in. */
const vigieEnv = (
  redisUrl: string,
  prefix: string,
  slackApi: string,
  pdUrl: string,
): Record<string, string> => ({
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: prefix,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-secret',
  SLACK_API_URL: `${slackApi}/api/`,
  PAGERDUTY_EVENTS_URL: `${pdUrl}/v2/enqueue`,
  ...ROUTING_KEYS,
});

const startVigie = (env: Record<string, string>): Promise<Vigie> =>
  startProcess(
    'vigie',
    // e.g. VIGIE_NODE_ARGS=--cpu-prof to profile Vigie during the run.
    [
      ...(process.env.VIGIE_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
      path.join(ROOT, 'dist-bench/src/main.js'),
    ],
    { HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    {
      path: '/readyz',
      needOk: true,
      timeoutMs: 60_000,
    },
  );

/** One body of `count` api.5xx alerts, each of its own service: `count` incidents. */
function body(prefix: string, from: number, count: number): string {
  const alerts = Array.from({ length: count }, (_, i) => {
    const service = `${prefix}-${from + i}`;
    return {
      status: 'firing',
      labels: {
        alertname: 'ApiHttp5xxErrors',
        runbook: 'api.5xx',
        service,
        env: 'prod',
        path: '/api/v1/planning',
      },
      annotations: { summary: 'Hausse des erreurs 5xx sur /api/v1/planning' },
      startsAt: new Date().toISOString(),
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.jmd.example:9090/graph',
      fingerprint: `${service}-fp`,
    };
  });
  return webhookBody(alerts, { groupKey: prefix });
}

/** Opens `total` incidents (100 per body, 4 bodies at a time); returns when each body was stored and the non-200 count. */
async function open(
  urls: string[],
  prefix: string,
  total: number,
): Promise<{ storedAt: number[]; failed: number }> {
  const storedAt: number[] = [];
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, worker) => {
      while (next < total) {
        const from = next;
        next += 100;
        const url = urls[worker % urls.length] ?? '';
        const response = await fetch(`${url}/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(prefix, from, Math.min(100, total - from)),
        });
        await response.text();
        if (response.status === 200) storedAt.push(Date.now());
        else failed += 1;
      }
    }),
  );
  return { storedAt, failed };
}

function row(ok: boolean, name: string, value: string, target: string): void {
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name.padEnd(46)} ${value.padStart(12)}   target ${target}`);
}

async function manyOpen(redisUrl: string, slackApi: string, pdUrl: string): Promise<void> {
  const env = vigieEnv(redisUrl, 'many', slackApi, pdUrl);
  let vigie = await startVigie(env);
  const opened = await open([vigie.url], 'many', 10_000);
  await vigie.stop();
  // A restart re-arms every open incident's timers (the reconciler at start) and serves /metrics.
  vigie = await startVigie(env);
  const metricsText = await (await fetch(`${vigie.url}/metrics`)).text();
  const reconcile = Number(/^vigie_escalation_reconcile_seconds (\S+)/m.exec(metricsText)?.[1] ?? 'NaN');
  const open10k = /^vigie_incidents_open\{runbook="api.5xx",severity="SEV2"\} (\d+)/m.exec(metricsText)?.[1];
  // Scraped as Prometheus would, while the 10,000 cards are being posted at Slack's pace.
  const scrapes: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t0 = performance.now();
    await (await fetch(`${vigie.url}/metrics`)).text();
    scrapes.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 500));
  }
  scrapes.sort((a, b) => a - b);
  const rss = vigie.rssMb('VmRSS');
  const peak = vigie.rssMb('VmHWM');
  await vigie.stop();
  console.log(`10,000 open incidents (gauge says ${open10k ?? '?'})`);
  row(opened.failed === 0, 'non-200 answers while opening them', String(opened.failed), '0');
  row(reconcile * 1000 < 1000, 'reconciler pass at start (ms)', (reconcile * 1000).toFixed(0), '< 1000');
  row(
    percentile(scrapes, 99) < 50,
    '/metrics, slowest of 20 (ms)',
    percentile(scrapes, 99).toFixed(1),
    '< 50',
  );
  row(rss < 300, 'RSS after start (MiB)', rss.toFixed(0), `< 300 (peak ${peak.toFixed(0)})`);
}

async function escalations(
  redisUrl: string,
  slackApi: string,
  pd: OpsStandIn,
  replicas: number,
): Promise<void> {
  const runbooks = await runbooksWithShortStep();
  const env = { ...vigieEnv(redisUrl, `esc${replicas}`, slackApi, pd.url), RUNBOOKS_DIR: runbooks };
  const vigies = await Promise.all(Array.from({ length: replicas }, () => startVigie(env)));
  pd.requests.length = 0;
  const opened = await open(
    vigies.map((v) => v.url),
    `esc${replicas}`,
    1_000,
  );
  const lastStored = Math.max(...opened.storedAt);
  const firstStored = Math.min(...opened.storedAt);
  const toTechLead = () =>
    pd.requests.filter((r) => (r.body as { routing_key?: string }).routing_key === 'rk-tech-lead');
  // The « tech-lead » step's pages (dedup key vigie:<incident>:tech-lead:<generation>); the tech lead
  // may also be paged by the SEV1 step (« SLA menacé »: at a month's start 1,000 ongoing incidents
  // project a breach), counted apart.
  const isStep = (r: { body: unknown }) =>
    /:tech-lead:\d+$/.test((r.body as { dedup_key?: string }).dedup_key ?? '');
  const techLead = () => toTechLead().filter(isStep);
  const deadline = lastStored + STEP_AFTER_MS + 30_000;
  while (techLead().length < 1_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  // Every incident's step is due at most STEP_AFTER_MS after its body was stored: lateness is measured
  // from the last body's storage (a bound, since the later bodies' incidents opened last).
  const lateness = techLead()
    .map((r) => r.at - (lastStored + STEP_AFTER_MS))
    .sort((a, b) => a - b);
  const lost = await lostSaves(vigies.map((v) => v.url));
  await Promise.all(vigies.map((v) => v.stop()));
  console.log(
    `1,000 escalations due together (${replicas} replica${replicas > 1 ? 's' : ''}; opened over ${((lastStored - firstStored) / 1000).toFixed(1)} s)`,
  );
  row(techLead().length === 1_000, 'tech-lead step pages delivered', String(techLead().length), '1000');
  const others = toTechLead().length - techLead().length;
  row(true, 'other pages to the tech lead (SEV1)', String(others), '(shown)');
  row(
    percentile(lateness, 99) < 2_000,
    'page after its deadline, p99 (ms)',
    percentile(lateness, 99).toFixed(0),
    '< 2000',
  );
  row(true, 'page after its deadline, p50 (ms)', percentile(lateness, 50).toFixed(0), '(shown)');
  row(true, 'saves lost, tried again (all replicas)', String(lost), '(shown)');
}

/** Cards and digest totals in a channel: how many incidents Slack shows, and with how many messages. */
function shownIn(emulator: SlackEmulator, channel: string): { cards: number; listed: number } {
  let cards = 0;
  let listed = 0;
  for (const message of emulator.messagesIn(channel)) {
    const digest = /^Tempête d'alertes — .* : (\d+) incidents?$/.exec(message.text);
    if (digest === null) cards += 1;
    else listed += Number(digest[1]);
  }
  return { cards, listed };
}

/**
 * A mass storm at production settings (api.5xx: 10 new cards a minute in #sre-alerts): 1,000
 * incidents open within seconds; how long until Slack shows every one of them, its own card or a
 * line on the storm's digest (one card each at Slack's 1 message/s would take ~17 minutes).
 */
async function stormDigest(redisUrl: string, pdUrl: string): Promise<void> {
  const emulator = new SlackEmulator({ botToken: 'xoxb-bench' });
  const slackApi = await emulator.listen();
  const vigie = await startVigie(vigieEnv(redisUrl, 'digest', slackApi, pdUrl));
  const started = Date.now();
  const opened = await open([vigie.url], 'storm', 1_000);
  const stored = Math.max(...opened.storedAt) - started;
  const all = () => {
    const shown = shownIn(emulator, '#sre-alerts');
    return shown.cards + shown.listed >= 1_000;
  };
  while (!all() && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
  const visible = Date.now() - started;
  const shown = shownIn(emulator, '#sre-alerts');
  const calls = (method: string) =>
    emulator.state.calls.filter((c) => c.method === method && c.status === 200).length;
  const limited = emulator.state.calls.filter((c) => c.status === 429).length;
  await vigie.stop();
  await emulator.close();
  console.log(`A mass storm: 1,000 api.5xx incidents (stored in ${(stored / 1000).toFixed(1)} s)`);
  row(opened.failed === 0, 'non-200 answers', String(opened.failed), '0');
  row(
    all() && visible < 60_000,
    'every incident on Slack after (s)',
    (visible / 1000).toFixed(1),
    '< 60 (cards at 1/s: ~1000)',
  );
  row(true, 'own cards / on the digest', `${shown.cards} / ${shown.listed}`, '(shown)');
  row(
    true,
    'chat.postMessage / chat.update',
    `${calls('chat.postMessage')} / ${calls('chat.update')}`,
    '(shown)',
  );
  row(limited === 0, "Slack's 429 answers", String(limited), '0');
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const emulator = new SlackEmulator({ botToken: 'xoxb-bench' });
  const slackApi = await emulator.listen();
  const pd = new OpsStandIn();
  await pd.start();
  pd.script(
    '/v2/enqueue',
    { status: 202, body: { status: 'success', message: 'Event processed' } },
    1_000_000,
  );
  // OPEN_INCIDENTS_PARTS=many,1,2,storm (the default) picks the parts to run.
  const parts = (process.env.OPEN_INCIDENTS_PARTS ?? 'many,1,2,storm').split(',');
  if (parts.includes('many')) await manyOpen(redis.url, slackApi, pd.url);
  if (parts.includes('1')) await escalations(redis.url, slackApi, pd, 1);
  if (parts.includes('2')) await escalations(redis.url, slackApi, pd, 2);
  if (parts.includes('storm')) await stormDigest(redis.url, pd.url);
  await pd.stop();
  await emulator.close();
  await redis.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

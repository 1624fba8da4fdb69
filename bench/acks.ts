/**
 * Acks benchmark: 200 clicks per second on an incident card (Slack-signed block_actions with the card
 * in the payload, as Slack sends them) into Vigie and into a bare Bolt app (bench/acks-bare-bolt.ts),
 * each its own process; then the same clicks into Vigie while a 10,000-alert body arrives every 2 s.
 * Prints ack latencies, Vigie's event-loop delay (from its own /metrics) and the targets:
 * p99 ≤ 1.5× bare Bolt; under the storm p99 < 300 ms and event-loop delay p99 < 100 ms.
 * Run: npm run bench (needs redis-server on the PATH and a build of dist-bench).
 */
import path from 'node:path';
import { SlackEmulator } from '../src/sandbox/slack-emulator';
import { blockActionsPayload, findButton } from '../src/sandbox/interaction-payloads';
import { postSigned } from '../src/sandbox/signing';
import { ACTION } from '../src/slack/ids';
import { startRedisServer } from '../test/support/redis-server';
import { OUTAGE_STARTED_AT } from './support/outage-start';
import { webhookBody } from './support/webhook-body';
import type { Measured } from './support/processes';
import { percentile, ROOT, startProcess } from './support/processes';

const RATE = 200;
const CLICKS = 2_000;
/**
 * Clicks each app gets first, at the same rate, before the measured ones: a process answering on-call
 * clicks has been running for hours, its code compiled. Both apps get the same warm-up; its figures
 * are printed too (V8 compiles Vigie's larger click path over the first ~1.5 s).
 */
const WARMUP = 500;
const SECRET = 'bench-signing-secret';

const start = (args: string[], env: Record<string, string>, ready: string): Promise<Measured> =>
  startProcess(args.join(' '), args, env, { path: ready, needOk: false, timeoutMs: 30_000 });

/** Sends `count` signed clicks at RATE per second (open loop); returns each ack's latency, sorted. */
async function clicks(
  eventsUrl: string,
  payload: () => Record<string, unknown>,
  count = CLICKS,
): Promise<{ sorted: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const sent: Array<Promise<void>> = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = new URLSearchParams({ payload: JSON.stringify(payload()) }).toString();
    const t0 = performance.now();
    sent.push(
      postSigned(eventsUrl, SECRET, body, 'application/x-www-form-urlencoded').then(
        (r) => {
          if (r.status === 200) latencies.push(performance.now() - t0);
          else failed += 1;
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(sent);
  return { sorted: latencies.sort((a, b) => a - b), failed };
}

function bigBody(): string {
  const alerts = Array.from({ length: 10_000 }, (_, n) => ({
    status: 'firing',
    labels: {
      alertname: 'ApiHttp5xxErrors',
      runbook: 'api.5xx',
      service: 'storm',
      env: 'prod',
      path: `/api/v1/r/${n}`,
    },
    annotations: { summary: `Hausse des erreurs 5xx sur /api/v1/r/${n}` },
    startsAt: OUTAGE_STARTED_AT,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.jmd.example:9090/graph',
    fingerprint: `storm-${n}`,
  }));
  return webhookBody(alerts, { groupKey: 'storm' });
}

async function eventLoopP99(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^vigie_nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(text)?.[1] ?? 'NaN') * 1000;
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const emulator = new SlackEmulator({ botToken: 'xoxb-bench' });
  const apiUrl = await emulator.listen();
  // e.g. VIGIE_NODE_ARGS=--cpu-prof to profile Vigie during the run.
  const nodeArgs = (process.env.VIGIE_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const vigie = await start(
    [...nodeArgs, path.join(ROOT, 'dist-bench/src/main.js')],
    {
      REDIS_URL: redis.url,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${apiUrl}/api/`,
    },
    '/readyz',
  );
  // One incident with its card: the clicks press « Prendre en charge » on it.
  const fixture = path.join(ROOT, 'test/fixtures/alertmanager/api-5xx-firing-two-routes.json');
  const { readFileSync } = await import('node:fs');
  await fetch(`${vigie.url}/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: readFileSync(fixture, 'utf8'),
  });
  const card = await emulator.waitFor(
    () => emulator.messagesIn('#sre-alerts').find((m) => m.threadTs === undefined),
    10_000,
    'the card',
  );
  const button = findButton(card.blocks, ACTION.acknowledge);
  if (button === undefined) throw new Error('no « Prendre en charge » button on the card');
  const channel = { id: card.channel, name: 'sre-alerts' };
  let n = 0;
  const click = () => ({
    team: { id: 'T0SANDBOX', domain: 'jmd-sandbox' },
    api_app_id: 'A0VIGIE',
    token: 'deprecated',
    response_url: `${apiUrl}/response/bench-${(n += 1)}`,
    trigger_id: `${Date.now()}.${n}.bench`,
    ...blockActionsPayload(card, button, `U0SRE${String(n % 50).padStart(4, '0')}`, channel),
  });

  const bolt = await start(
    [path.join(ROOT, 'dist-bench/bench/acks-bare-bolt.js')],
    { SLACK_SIGNING_SECRET: SECRET },
    '/',
  );
  const bareWarmup = await clicks(`${bolt.url}/slack/events`, click, WARMUP);
  const bare = await clicks(`${bolt.url}/slack/events`, click);
  await bolt.stop();

  const vigieWarmup = await clicks(`${vigie.url}/slack/events`, click, WARMUP);
  await eventLoopP99(vigie.url);
  const calm = await clicks(`${vigie.url}/slack/events`, click);
  const calmLoop = await eventLoopP99(vigie.url);

  const body = bigBody();
  let storming = true;
  const storm = (async () => {
    while (storming) {
      const t0 = performance.now();
      await fetch(`${vigie.url}/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await new Promise((r) => setTimeout(r, Math.max(0, 2_000 - (performance.now() - t0))));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  await eventLoopP99(vigie.url);
  const stormy = await clicks(`${vigie.url}/slack/events`, click);
  const stormLoop = await eventLoopP99(vigie.url);
  storming = false;
  await storm;

  const line = (name: string, r: { sorted: number[]; failed: number }, loop?: number) =>
    console.log(
      `${name.padEnd(30)} p50 ${percentile(r.sorted, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(r.sorted, 99).toFixed(1).padStart(7)} ms  ` +
        `failed ${String(r.failed).padStart(4)}${loop === undefined ? '' : `  event-loop p99 ${loop.toFixed(0)} ms`}`,
    );
  console.log(
    `Acks benchmark: ${CLICKS} signed clicks at ${RATE}/s (open loop), card in each payload, after ${WARMUP} unmeasured`,
  );
  line('bare Bolt, warm-up', bareWarmup);
  line('Vigie, warm-up', vigieWarmup);
  line('bare Bolt', bare);
  line('Vigie', calm, calmLoop);
  line('Vigie, 10k-alert body every 2 s', stormy, stormLoop);
  const ok = (b: boolean) => (b ? 'ok  ' : 'MISS');
  const p99 = (r: { sorted: number[] }) => percentile(r.sorted, 99);
  console.log(
    `${ok(p99(calm) <= 1.5 * p99(bare) && calm.failed === 0)} Vigie p99 ≤ 1.5× bare Bolt (${(p99(calm) / p99(bare)).toFixed(2)}×), none failed`,
  );
  console.log(`${ok(p99(stormy) < 300 && stormy.failed === 0)} under the storm: p99 < 300 ms, none failed`);
  console.log(`${ok(stormLoop < 100)} under the storm: event-loop delay p99 < 100 ms`);

  await vigie.stop();
  await emulator.close();
  await redis.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Card freshness benchmark: how long after an incident changes does Slack hold the change? 200 open
 * incidents over 4 channels, notes added at random to them at a steady rate, at production settings
 * (Slack's tiers enforced by the emulator, Vigie's shared budget), with one Vigie and with two sharing
 * one Redis. `chat.update` is Slack Tier 3 (~50 a minute for the whole workspace), so the rate of
 * changes decides everything: below the budget each change shows within seconds; above it, changes
 * queue (coalesced per card) and the delay grows with the backlog. Both are measured and printed.
 * Run: npm run bench (needs redis-server on the PATH).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Vigie } from '../src/app';
import { loadRunbooks } from '../src/runbooks/loader';
import type { EmulatedMessage } from '../src/sandbox/slack-emulator';
import { SlackEmulator } from '../src/sandbox/slack-emulator';
import { createRedisStore } from '../src/store/redis/redis-store';
import { startRedisServer } from '../test/support/redis-server';
import { inProcessVigie } from './support/in-process-vigie';
import { percentile, ROOT } from './support/processes';

const INCIDENTS = 200;
const CHANNELS: Record<string, string> = {
  'api.5xx': '#sre-alerts',
  'api.latency': '#sre-latency',
  'calendar.queue': '#integrations',
  'audit.job.failure': '#data-compliance',
};
const FIXTURES: Record<string, string> = {
  'api.5xx': 'api-5xx-firing-two-routes',
  'api.latency': 'api-latency-firing',
  'calendar.queue': 'calendar-queue-firing',
  'audit.job.failure': 'audit-job-failure-firing',
};
/** Targets for changes arriving within Slack's budget. */
const TARGET_P50_MS = 2000;
const TARGET_P99_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alertFor(runbook: string, service: string): string {
  const body = JSON.parse(
    readFileSync(path.join(ROOT, `test/fixtures/alertmanager/${FIXTURES[runbook] ?? ''}.json`), 'utf8'),
  ) as { alerts: Array<{ fingerprint: string; labels: Record<string, string> }> };
  body.alerts = body.alerts
    .slice(0, 1)
    .map((a) => ({ ...a, fingerprint: `fp-${service}`, labels: { ...a.labels, service } }));
  return JSON.stringify(body);
}

async function startVigies(replicas: number, redisUrl: string, prefix: string, apiUrl: string) {
  const runbooks = await loadRunbooks(path.join(ROOT, 'runbooks'));
  for (const runbook of runbooks.runbooks) {
    runbook.channels.slack = [CHANNELS[runbook.id] ?? '#sre-alerts'];
    // Runbook data, not a switch: this bench measures cards, so its 50 incidents per channel must each
    // get one. At the default 10 new cards a minute they would go on a storm digest instead.
    runbook.channels.cards_per_minute = 60;
  }
  const vigies: Array<{ vigie: Vigie; url: string; close(): Promise<void> }> = [];
  for (let i = 0; i < replicas; i += 1) {
    const store = createRedisStore(redisUrl, prefix);
    await store.connect();
    const vigie = inProcessVigie(store, runbooks, apiUrl);
    const url = await vigie.listen(0, '127.0.0.1');
    vigies.push({
      vigie,
      url,
      close: async () => {
        await vigie.close();
        await store.close();
      },
    });
  }
  return vigies;
}

async function run(replicas: number, redisUrl: string): Promise<void> {
  const emulator = new SlackEmulator({
    botToken: 'xoxb-bench',
    channels: ['sre-alerts', 'integrations', 'sre-escalations', 'data-compliance', 'sre-latency'],
  });
  const apiUrl = await emulator.listen();
  const vigies = await startVigies(replicas, redisUrl, `bench-fresh-${replicas}-${Date.now()}`, apiUrl);
  const first = vigies[0];
  if (first === undefined) throw new Error('no Vigie');
  const runbookIds = Object.keys(CHANNELS);
  for (let i = 0; i < INCIDENTS; i += 1) {
    const runbook = runbookIds[i % runbookIds.length] ?? 'api.5xx';
    const target = vigies[i % vigies.length]?.url ?? first.url;
    const response = await fetch(`${target}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: alertFor(runbook, `svc-${i}`),
    });
    await response.text();
  }
  const cards = () =>
    emulator.state.messages.filter((m) => m.threadTs === undefined && m.text.includes('INC-'));
  const postStarted = Date.now();
  while (cards().length < INCIDENTS) await sleep(200);
  const postSeconds = (Date.now() - postStarted) / 1000;
  // Let the opening work drain (thread replies, SEV1 raises, refreshes): no Slack write for 5 s.
  const writes = () => emulator.state.calls.filter((c) => c.method.startsWith('chat.')).length;
  let seen = writes();
  let quietSince = Date.now();
  const settleDeadline = Date.now() + 240_000;
  while (Date.now() - quietSince < 5000 && Date.now() < settleDeadline) {
    await sleep(250);
    if (writes() !== seen) {
      seen = writes();
      quietSince = Date.now();
    }
  }

  for (const [label, perSecond, seconds] of [
    ['within budget (0.5 change/s)', 0.5, 60],
    ['over budget (2 changes/s)', 2, 30],
  ] as const) {
    const pending = new Map<string, number>();
    const delays: number[] = [];
    const onUpdate = (m: EmulatedMessage) => {
      const text = JSON.stringify(m.blocks);
      for (const [token, at] of pending)
        if (text.includes(token)) {
          delays.push(Date.now() - at);
          pending.delete(token);
        }
    };
    emulator.on('update', onUpdate);
    const updatesBefore = emulator.state.calls.filter((c) => c.method === 'chat.update').length;
    const changes = Math.round(perSecond * seconds);
    for (let n = 0; n < changes; n += 1) {
      const token = `bench-${replicas}-${label.slice(0, 4)}-${n}`;
      const id = `INC-${1 + Math.floor(Math.random() * INCIDENTS)}`;
      pending.set(token, Date.now());
      await first.vigie.service.execute(id, { type: 'add_note', actor: 'U0BENCH', text: token });
      await sleep(1000 / perSecond);
    }
    const deadline = Date.now() + 180_000;
    while (pending.size > 0 && Date.now() < deadline) await sleep(200);
    emulator.off('update', onUpdate);
    delays.sort((a, b) => a - b);
    const updates = emulator.state.calls.filter((c) => c.method === 'chat.update').length - updatesBefore;
    const limited = emulator.state.calls.filter((c) => c.status === 429).length;
    const verdict =
      perSecond <= 0.75
        ? percentile(delays, 50) <= TARGET_P50_MS && percentile(delays, 99) <= TARGET_P99_MS
          ? 'OK'
          : 'MISSED'
        : 'measured';
    console.log(
      `${String(replicas)} replica(s), ${label.padEnd(30)} ${String(changes).padStart(3)} changes  ` +
        `p50 ${String(percentile(delays, 50)).padStart(6)} ms  p99 ${String(percentile(delays, 99)).padStart(6)} ms  ` +
        `unseen ${pending.size}  chat.update ${updates}  429s ${limited}  [${verdict}]`,
    );
  }
  console.log(
    `${String(replicas)} replica(s): ${INCIDENTS} cards posted in ${postSeconds.toFixed(0)} s over 4 channels`,
  );
  for (const v of vigies) await v.close();
  await emulator.close();
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  console.log(
    `Card freshness: ${INCIDENTS} open incidents, 4 channels; targets within budget: p50 ≤ ${TARGET_P50_MS} ms, p99 ≤ ${TARGET_P99_MS} ms`,
  );
  try {
    await run(1, redis.url);
    await run(2, redis.url);
  } finally {
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

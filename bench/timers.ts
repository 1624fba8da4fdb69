/**
 * Timer benchmark: 10,000 escalation timers armed in Redis (each with its incident, atomically), fired
 * by one and then two replica processes with the production poll interval (250 ms). Prints how late
 * they fired after their due time (p50, p99, max) and checks each fired exactly once.
 * Run: npm run bench (needs redis-server on the PATH).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { escalationEffects } from '../src/escalation/effects';
import { OUTBOX_QUEUE } from '../src/escalation/work-items';
import { systemClock } from '../src/incidents/ports';
import { IncidentService } from '../src/incidents/service';
import type { IncidentPolicy } from '../src/incidents/types';
import { createRedisStore } from '../src/store/redis/redis-store';
import { startRedisServer } from '../test/support/redis-server';

const TIMERS = 10_000;
const DUE_AFTER_MS = 8000;

const policy: IncidentPolicy = {
  runbookId: 'bench',
  title: 'bench',
  severity: 'SEV2',
  channels: ['#bench'],
  autoResolve: false,
  reopenWindowMs: 0,
  itemLabel: undefined,
  escalation: [
    {
      id: 'page',
      description: 'bench',
      trigger: { kind: 'after', afterMs: DUE_AFTER_MS },
      unless: ['resolved'],
      notify: [],
      via: [],
      sets: {},
    },
  ],
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function run(redisUrl: string, replicas: number): Promise<void> {
  const prefix = `bench-timers-${replicas}-${Date.now()}`;
  const store = createRedisStore(redisUrl, prefix);
  await store.connect();
  const service = new IncidentService({
    repository: store.incidents,
    clock: systemClock,
    publish: () => undefined,
    effects: escalationEffects,
  });
  const armStart = performance.now();
  for (let i = 0; i < TIMERS; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, TIMERS - i) }, () => service.declare(policy, 'bench', 'bench')),
    );
  }
  const armSeconds = (performance.now() - armStart) / 1000;
  const children = Array.from({ length: replicas }, () =>
    fork(path.join(__dirname, 'timer-worker.js'), [redisUrl, prefix], { stdio: 'inherit' }),
  );
  const outbox = store.queue(OUTBOX_QUEUE);
  const deadline = Date.now() + 120_000;
  while ((await outbox.counts()).due < TIMERS && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  await Promise.all(
    children.map((c) => new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM')))),
  );
  const lateness: number[] = [];
  let duplicates = 0;
  for (let n = 1; n <= TIMERS; n += 1) {
    const incident = await store.incidents.get(`INC-${n}`);
    const fired = incident?.escalations ?? [];
    if (fired.length > 1) duplicates += fired.length - 1;
    const first = fired[0];
    if (incident !== null && first !== undefined)
      lateness.push(first.firedAt - (incident.phaseStartedAt + DUE_AFTER_MS));
  }
  lateness.sort((a, b) => a - b);
  console.log(
    `${replicas} replica${replicas > 1 ? 's' : ' '}  armed ${TIMERS} in ${armSeconds.toFixed(1)} s  fired ${lateness.length}  duplicates ${duplicates}  ` +
      `lateness p50 ${percentile(lateness, 50)} ms  p99 ${percentile(lateness, 99)} ms  max ${lateness.at(-1) ?? NaN} ms`,
  );
  await store.close();
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  console.log(
    `Vigie timer benchmark: ${TIMERS} escalation timers due ${DUE_AFTER_MS / 1000} s after their incident opened, poll 250 ms`,
  );
  try {
    await run(redis.url, 1);
    await run(redis.url, 2);
  } finally {
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

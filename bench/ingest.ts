/**
 * Ingest benchmark: 10,000 alerts in deliveries of 100 into Vigie over real HTTP, stored in a real
 * Redis, with the Slack emulator receiving the cards. Prints alerts/s and response-time percentiles for
 * new alerts, for duplicates (Alertmanager re-sending), and for a storm of one 10,000-alert incident.
 * Run: npm run bench (needs redis-server on the PATH).
 */
import path from 'node:path';
import { loadRunbooks } from '../src/runbooks/loader';
import { SlackEmulator } from '../src/sandbox/slack-emulator';
import { createRedisStore } from '../src/store/redis/redis-store';
import { startRedisServer } from '../test/support/redis-server';
import { OUTAGE_STARTED_AT } from './support/outage-start';
import { inProcessVigie } from './support/in-process-vigie';
import { percentile, ROOT } from './support/processes';
import { apiGroup, webhookBody } from './support/webhook-body';

const TOTAL = 10_000;
const BATCH = 100;
const CONCURRENCY = 4;

interface Phase {
  name: string;
  bodies: string[];
}

function delivery(batch: number, spread: boolean): string {
  const service = spread ? `svc-${batch}` : 'backend-api';
  const alerts = Array.from({ length: BATCH }, (_, i) => {
    const n = batch * BATCH + i;
    return {
      status: 'firing',
      labels: {
        alertname: 'ApiHttp5xxErrors',
        runbook: 'api.5xx',
        service,
        env: 'prod',
        path: `/api/v1/route/${n}`,
        severity: 'sev2',
      },
      annotations: {
        summary: `Hausse des erreurs 5xx sur /api/v1/route/${n}`,
        description: 'api_request_errors_total: 2% des requetes en 5xx',
      },
      startsAt: OUTAGE_STARTED_AT,
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.jmd.example:9090/graph?g0.expr=increase(api_request_errors_total[5m])',
      fingerprint: `${spread ? 's' : 'x'}${n.toString(16).padStart(12, '0')}`,
    };
  });
  return webhookBody(alerts, apiGroup(service));
}

async function runPhase(url: string, phase: Phase): Promise<void> {
  const timings: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < phase.bodies.length) {
        const body = phase.bodies[next++] ?? '';
        const t0 = performance.now();
        const response = await fetch(`${url}/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.text();
        if (response.status !== 200) throw new Error(`${phase.name}: HTTP ${response.status}`);
        timings.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const alerts = phase.bodies.length * BATCH;
  console.log(
    `${phase.name.padEnd(34)} ${String(alerts).padStart(6)} alerts  ${(alerts / seconds).toFixed(0).padStart(7)} alerts/s  ` +
      `p50 ${percentile(timings, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(timings, 99).toFixed(1).padStart(7)} ms`,
  );
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const emulator = new SlackEmulator({ botToken: 'xoxb-bench' });
  const apiUrl = await emulator.listen();
  const store = createRedisStore(redis.url, 'bench');
  await store.connect();
  const runbooks = await loadRunbooks(path.join(ROOT, 'runbooks'));
  const vigie = inProcessVigie(store, runbooks, apiUrl);
  const url = await vigie.listen(0, '127.0.0.1');
  const batches = TOTAL / BATCH;
  const spread = Array.from({ length: batches }, (_, b) => delivery(b, true));
  const storm = Array.from({ length: batches }, (_, b) => delivery(b, false));
  console.log(
    `Vigie ingest benchmark: ${TOTAL} alerts, ${BATCH} per delivery, ${CONCURRENCY} concurrent deliveries, Redis ${redis.url}`,
  );
  await runPhase(url, { name: 'new alerts, 100 incidents', bodies: spread });
  await runPhase(url, { name: 'duplicates, 100 incidents', bodies: spread });
  await runPhase(url, { name: 'new alerts, one 10k-alert incident', bodies: storm });
  await runPhase(url, { name: 'duplicates, one 10k-alert incident', bodies: storm });
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  console.log(
    `RSS after run: ${rssMb.toFixed(0)} MiB; cards posted so far: ${emulator.messagesIn('#sre-alerts').length}`,
  );
  await vigie.close();
  await emulator.close();
  await store.close();
  await redis.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

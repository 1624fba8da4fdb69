import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OUTBOX_QUEUE } from '../../src/escalation/work-items';
import { SlackEmulator } from '../../src/sandbox/slack-emulator';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { testRedisUrl, uniquePrefix } from '../support/env';
import { ALERTMANAGER_TOKEN, BOT_TOKEN, fixture, ROUTING_KEYS, SIGNING_SECRET } from '../support/harness';
import { OpsStandIn } from '../support/ops-standin';
import type { Replica } from '../support/replica';
import { startReplica } from '../support/replica';
import { startRedisServer } from '../support/redis-server';
import { runbooksWith } from '../support/runbooks';
import { drained, postAlertsTo, until } from '../support/waiting';
import type { PdEvent } from '../support/pagerduty-event';

/** api.5xx paging Tech Lead + On-call Backend by PagerDuty alone, 2 s after opening. */
const PAGE_AFTER_2S: Record<string, Array<[string, string]>> = {
  'api.5xx.yml': [
    ['when: { after: 15m }', 'when: { after: 2s }'],
    ['via: [pagerduty, slack]', 'via: [pagerduty]'],
  ],
  // The fixtures' alerts started at a fixed time: on a later day the budget looks spent and « SLA
  // menacé » would add a SEV1 page per incident. This test is about delivering each page once.
  'slo.yml': [['    remaining_ratio_below: 0.25\n    projected_breach: true', '    projected_breach: false']],
};

function alertFor(service: string): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
    alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
  };
  body.alerts = body.alerts
    .slice(0, 1)
    .map((a) => ({ ...a, fingerprint: `fp-${service}`, labels: { ...a.labels, service } }));
  return JSON.stringify(body);
}

/** Requests for the tech-lead step (the runbook's channels page at open too; outbound.test.ts covers them). */
const stepRequests = (pd: OpsStandIn) =>
  pd.requests.filter((r) => (r.body as PdEvent).dedup_key.includes(':tech-lead:'));

/** Triggers PagerDuty accepted for the step, counted per (dedup key, routing key): a page is one such pair. */
function acceptedPages(pd: OpsStandIn): Map<string, number> {
  const pages = new Map<string, number>();
  for (const r of stepRequests(pd)) {
    const e = r.body as PdEvent;
    if (e.event_action !== 'trigger' || r.answeredWith !== 202) continue;
    const key = `${e.dedup_key}|${e.routing_key}`;
    pages.set(key, (pages.get(key) ?? 0) + 1);
  }
  return pages;
}

describe('several replicas, crashes and restarts (real processes)', () => {
  const pd = new OpsStandIn(202);
  let emulator: SlackEmulator;
  let slackApi: string;
  let runbooks: string;
  const replicas: Replica[] = [];

  const env = (redisUrl: string, prefix: string): Record<string, string> => ({
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi,
    ALERTMANAGER_TOKEN,
    RUNBOOKS_DIR: runbooks,
    PAGERDUTY_EVENTS_URL: `${pd.url}/v2/enqueue`,
    ...ROUTING_KEYS,
  });
  const start = async (e: Record<string, string>) => {
    const replica = await startReplica(e);
    replicas.push(replica);
    return replica;
  };

  beforeAll(async () => {
    await pd.start();
    emulator = new SlackEmulator({ botToken: BOT_TOKEN });
    slackApi = await emulator.listen();
    runbooks = await runbooksWith(PAGE_AFTER_2S);
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.kill()));
    pd.unscript();
    pd.requests.length = 0;
  });
  afterAll(async () => {
    await emulator.close();
    await pd.stop();
  });

  it('two replicas, 500 incidents: every escalation pages exactly once (0 lost, 0 duplicates)', async () => {
    const e = env(testRedisUrl(), uniquePrefix('two'));
    const [a, b] = [await start(e), await start(e)];
    const services = Array.from({ length: 500 }, (_, i) => `svc-${i}`);
    for (let i = 0; i < services.length; i += 25) {
      const statuses = await Promise.all(
        services.slice(i, i + 25).map((s, j) => postAlertsTo((i + j) % 2 === 0 ? a.url : b.url, alertFor(s))),
      );
      expect(statuses.every((st) => st === 200)).toBe(true);
    }
    await until(() => acceptedPages(pd).size === 1000, '1000 pages (500 incidents × 2 roles)', 60_000);
    // Every delivery of both replicas done, none waiting to retry: no page can follow.
    const store = createRedisStore(e.REDIS_URL ?? '', e.REDIS_KEY_PREFIX ?? '');
    try {
      await store.connect();
      await drained(store.queue(OUTBOX_QUEUE), 'the shared outbox', 15_000);
    } finally {
      await store.close();
    }
    const pages = acceptedPages(pd);
    expect(pages.size).toBe(1000);
    expect([...pages.values()].every((n) => n === 1)).toBe(true);
    expect(stepRequests(pd).filter((r) => (r.body as PdEvent).event_action === 'trigger')).toHaveLength(1000);
  }, 120_000);

  it('kill -9 of a replica holding claimed work: another replica delivers it after the lease expires', async () => {
    const e = env(testRedisUrl(), uniquePrefix('kill'));
    pd.script('/v2/enqueue', { status: 202, delayMs: 60_000 }, 1000);
    const a = await start(e);
    for (let i = 0; i < 10; i += 1) expect(await postAlertsTo(a.url, alertFor(`k-${i}`))).toBe(200);
    await until(() => stepRequests(pd).length > 0, 'replica A delivering', 8000);
    await a.kill();
    const heldByA = stepRequests(pd).length;
    pd.unscript();
    const b = await start(e);
    // The production lease (60 s) must run out before B may take A's claimed work.
    await until(() => acceptedPages(pd).size === 20, 'all 20 pages delivered by B', 80_000);
    expect([...acceptedPages(pd).values()].every((n) => n === 1)).toBe(true);
    expect(heldByA).toBeGreaterThan(0);
    expect(b.output()).not.toMatch(/"level":50/);
  }, 120_000);

  it('stopped for longer than a deadline: the overdue escalation fires within seconds of the restart', async () => {
    const e = env(testRedisUrl(), uniquePrefix('restart'));
    const a = await start(e);
    expect(await postAlertsTo(a.url, alertFor('late'))).toBe(200);
    await a.stop();
    await new Promise((r) => setTimeout(r, 3500));
    expect(stepRequests(pd)).toEqual([]);
    const restartedAt = Date.now();
    await start(e);
    await until(() => acceptedPages(pd).size === 2, 'the overdue pages', 10_000);
    expect(Math.min(...stepRequests(pd).map((r) => r.at)) - restartedAt).toBeLessThan(5000);
  }, 60_000);

  it('Redis restarted (appendonly yes) mid-run: no incident or timer lost', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigie-aof-'));
    let redis = await startRedisServer(undefined, { dir });
    try {
      const e = env(redis.url, uniquePrefix('aof'));
      const a = await start(e);
      for (let i = 0; i < 10; i += 1) expect(await postAlertsTo(a.url, alertFor(`aof-${i}`))).toBe(200);
      await redis.stop('SIGTERM');
      redis = await startRedisServer(redis.port, { dir });
      await until(() => acceptedPages(pd).size === 20, 'all 20 pages after the Redis restart', 20_000);
      const open = await fetch(`${a.url}/readyz`);
      expect(open.status).toBe(200);
    } finally {
      await redis.stop();
    }
  }, 60_000);
});

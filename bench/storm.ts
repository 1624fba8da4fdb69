/**
 * Storm benchmark: an outage's alert flood, as Alertmanager sends it, into Vigie and into the floor
 * (bench/storm-floor.ts: HTTP + JSON.parse + one pipelined Redis SET per alert), each its own process,
 * on the same Redis with the same bodies, side by side in one run. Prints the figures and the targets
 * they are held to (issue "Storm-proof"). Vigie runs as deployed: Slack (the emulator) and PagerDuty
 * (a stand-in) over the network, in a process of their own (bench/support/outside-world.ts).
 *
 *  - a warm-up, unmeasured (its figures printed): 4 other groups of 2,500 alerts, in the same shape;
 *  - storm: 4 groups growing to 12,500 alerts each in 100-alert bodies, +50 % re-sends, 8 concurrent,
 *    alerts started 2 minutes before the run (see OUTAGE_STARTED_AT);
 *  - where the storm's slowest 1 % of bodies began (its openings, or its steady pace);
 *  - a 10,000-alert body (a new group), then the same body again (a pure re-send: no Redis write);
 *  - peak RSS of each process (VmHWM).
 * Run: npm run bench (needs redis-server on the PATH and a build of dist-bench); VIGIE_NODE_ARGS and
 * FLOOR_NODE_ARGS (e.g. --cpu-prof) are given to that process only. STORM_REPLICAS=2 runs Vigie as
 * deployed on Kubernetes (deploy/kubernetes/vigie.yaml): two replicas on the one Redis, each body sent
 * to the next replica as a load balancer spreading Alertmanager's connections would, so the bodies of
 * one group race across replicas (the targets stay those of one process).
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { startRedisServer } from '../test/support/redis-server';
import { OUTAGE_STARTED_AT } from './support/outage-start';
import { apiGroup, webhookBody } from './support/webhook-body';
import { lostSaves } from './support/lost-saves';
import { startOutsideWorld } from './support/outside-world';
import type { Measured } from './support/processes';
import { percentile, ROOT, startProcess } from './support/processes';

const GROUPS = 4;
const PER_GROUP = 12_500;
const BODY = 100;
const CONCURRENCY = 8;
const BIG = 10_000;
const BIG_ROUNDS = Number(process.env.STORM_BIG_ROUNDS ?? 3);
const REPLICAS = Number(process.env.STORM_REPLICAS ?? 1);
if (!Number.isInteger(REPLICAS) || REPLICAS < 1)
  throw new Error(
    `STORM_REPLICAS must be a whole number of Vigie processes, 1 or more (got ${process.env.STORM_REPLICAS})`,
  );
/**
 * Alerts per group each contender gets first, in the same shape (groups of their own), unmeasured: a
 * process an outage hits has handled alerts before, its code compiled. The warm-up's figures are
 * printed too (V8 compiles Vigie's larger ingest path over the first few hundred bodies).
 */
const WARMUP_PER_GROUP = 2_500;

function alertsOf(group: string, from: number, count: number): object[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const route = `/api/v1/${group}/route/${n}`;
    return {
      status: 'firing',
      labels: {
        alertname: 'ApiHttp5xxErrors',
        runbook: 'api.5xx',
        service: group,
        env: 'prod',
        path: route,
        severity: 'sev2',
      },
      annotations: { summary: `Hausse des erreurs 5xx sur ${route}`, description: '2% des requetes en 5xx' },
      startsAt: OUTAGE_STARTED_AT,
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.jmd.example:9090/graph?g0.expr=increase(api_request_errors_total[5m])',
      fingerprint: `${group}-${n.toString(16).padStart(10, '0')}`,
    };
  });
}

/** Bodies of new alerts over 4 groups (`<prefix>-<n>`), and half as many re-sends of earlier ones, interleaved (seeded). */
function stormBodies(prefix: string, perGroup: number): string[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sent: string[] = [];
  const bodies: string[] = [];
  for (let b = 0; b < perGroup / BODY; b += 1) {
    for (let g = 0; g < GROUPS; g += 1) {
      const next = webhookBody(alertsOf(`${prefix}-${g}`, b * BODY, BODY), apiGroup(`${prefix}-${g}`));
      bodies.push(next);
      sent.push(next);
      if (random() < 0.5) bodies.push(sent[Math.floor(random() * sent.length)] ?? next);
    }
  }
  return bodies;
}

/**
 * The first bodies of a storm queue behind its openings (4 new incidents, their cards and pages): where
 * the slowest 1 % began tells whether the p99 is that burst or the storm's steady pace.
 */
const OPENING_MS = 150;

interface Run {
  alertsPerSecond: number;
  p50: number;
  p99: number;
  /** The p99 of the bodies begun after the first OPENING_MS (the steady pace, without the openings). */
  p99AfterOpening: number;
  /** How many of the slowest 1 % of bodies (those the p99 ranks) began in the first OPENING_MS. */
  slowestInOpening: number;
  slowestCount: number;
  statuses: Map<number, number>;
}

/**
 * Sends one body as Alertmanager would. undici's `request` on a keep-alive pool, not the global fetch:
 * the client shares the two cores with the process measured, and fetch's streams cost several times
 * more CPU per call (taken from both contenders alike, it blurred the comparison).
 */
async function post(url: string, payload: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const response = await request(`${url}/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  await response.body.text();
  return { status: response.statusCode, ms: performance.now() - t0 };
}

/** Sends the bodies, CONCURRENCY at a time, each to the next of `urls` (one process, or replicas in turn). */
async function run(urls: string[], bodies: string[]): Promise<Run> {
  const timings: Array<{ began: number; ms: number }> = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let alerts = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const index = next++;
        const payload = bodies[index] ?? '';
        const began = performance.now() - started;
        const { status, ms } = await post(urls[index % urls.length] ?? '', payload);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        timings.push({ began, ms });
        alerts += BODY;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = (list: typeof timings) => list.map((t) => t.ms).sort((a, b) => a - b);
  const all = sorted(timings);
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(timings.length / 100));
  return {
    alertsPerSecond: alerts / seconds,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    p99AfterOpening: percentile(sorted(timings.filter((t) => t.began >= OPENING_MS)), 99),
    slowestInOpening: slowest.filter((t) => t.began < OPENING_MS).length,
    slowestCount: slowest.length,
    statuses,
  };
}

type Contender = Measured;

const start = (name: string, args: string[], env: Record<string, string>): Promise<Contender> =>
  startProcess(name, args, env, { path: '/readyz', needOk: true, timeoutMs: 30_000 });

/** Redis's count of writes (dirty changes): a re-send that writes nothing leaves it still. */
async function writes(redis: Redis): Promise<number> {
  return (await info(redis, 'persistence'))('rdb_changes_since_last_save');
}

/** One section of Redis's `INFO`, read once: a number by field name (NaN if absent). */
async function info(redis: Redis, section: string): Promise<(field: string) => number> {
  const text = await redis.info(section);
  return (field) => Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 'NaN');
}

/** Waits until nothing writes to Redis for a while (Vigie's cards settled), at most 60 s. */
async function quiet(redis: Redis): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = await writes(redis);
  let stillSince = Date.now();
  while (Date.now() < deadline && Date.now() - stillSince < 2_000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await writes(redis);
    if (now !== last) stillSince = Date.now();
    last = now;
  }
}

/** Bytes Redis has read from its clients and written to them so far, in MB. */
async function redisTraffic(redis: Redis): Promise<{ inMb: number; outMb: number }> {
  const field = await info(redis, 'stats');
  return { inMb: field('total_net_input_bytes') / 1e6, outMb: field('total_net_output_bytes') / 1e6 };
}

/** Bytes Redis holds for its data so far (`used_memory`). */
async function redisMemory(redis: Redis): Promise<number> {
  return (await info(redis, 'memory'))('used_memory');
}

/** CPU seconds Redis has used so far (user + system). */
async function redisCpu(redis: Redis): Promise<number> {
  const field = await info(redis, 'cpu');
  return field('used_cpu_user') + field('used_cpu_sys');
}

interface Figures {
  warmup: Run;
  storm: Run;
  stormRedisCpu: number;
  /** MB sent to Redis and read back from it during the storm. */
  stormRedisIn: number;
  stormRedisOut: number;
  /** Redis memory the storm's alerts took, per distinct alert stored (bytes): the sizing figure. */
  redisBytesPerAlert: number;
  stormCpu: number;
  /** Of stormCpu, the part in the kernel: what a profile's time inside write() really costs. */
  stormKernelCpu: number;
  stormClientCpu: number;
  /** CPU of the Slack and PagerDuty stand-ins during the storm (Vigie only): cores Vigie did not get. */
  stormOutsideCpu: number;
  bigMs: number;
  resendMs: number;
  resendWrites: number;
  resendStatuses: number[];
  /** The highest peak RSS of the contender's processes. */
  peakRssMb: number;
  /** Saves lost to another replica's and tried again during the storm (Vigie's own count; NaN for the floor). */
  stormLostSaves: number;
}

/**
 * Runs the warm-up, the storm and the big bodies against a contender: one process, or replicas.
 * Vigie's extras: the CPU of its outside world (Slack and PagerDuty stand-ins), and its lost saves.
 */
async function measure(
  processes: Contender[],
  redis: Redis,
  vigie: { outsideCpu: () => number; lostSaves: () => Promise<number> } = {
    outsideCpu: () => Number.NaN,
    lostSaves: () => Promise.resolve(Number.NaN),
  },
): Promise<Figures> {
  const { outsideCpu } = vigie;
  const [first] = processes;
  if (first === undefined) throw new Error('no process to measure');
  const urls = processes.map((p) => p.url);
  const cpu = () => processes.reduce((sum, p) => sum + p.cpuSeconds(), 0);
  const kernelCpu = () => processes.reduce((sum, p) => sum + p.systemCpuSeconds(), 0);
  const warmup = await run(urls, stormBodies('warm', WARMUP_PER_GROUP));
  await quiet(redis);
  const cpuBefore = await redisCpu(redis);
  const trafficBefore = await redisTraffic(redis);
  const memoryBefore = await redisMemory(redis);
  const ownBefore = cpu();
  const kernelBefore = kernelCpu();
  const lostBefore = await vigie.lostSaves();
  const bodies = stormBodies('storm', PER_GROUP);
  const clientBefore = process.cpuUsage();
  const outsideBefore = outsideCpu();
  const storm = await run(urls, bodies);
  const stormOutsideCpu = outsideCpu() - outsideBefore;
  const clientUsed = process.cpuUsage(clientBefore);
  const stormRedisCpu = (await redisCpu(redis)) - cpuBefore;
  const trafficAfter = await redisTraffic(redis);
  const stormStoredBytes = (await redisMemory(redis)) - memoryBefore;
  const stormCpu = cpu() - ownBefore;
  const stormKernelCpu = kernelCpu() - kernelBefore;
  const stormLostSaves = (await vigie.lostSaves()) - lostBefore;
  const big: number[] = [];
  const resend: number[] = [];
  const resendWrites: number[] = [];
  const resendStatuses: number[] = [];
  for (let round = 0; round < BIG_ROUNDS; round += 1) {
    const payload = webhookBody(alertsOf(`big-${round}`, 0, BIG), apiGroup(`big-${round}`));
    big.push((await post(first.url, payload)).ms);
    await quiet(redis);
    const before = await writes(redis);
    const again = await post(first.url, payload);
    resendWrites.push((await writes(redis)) - before);
    resend.push(again.ms);
    resendStatuses.push(again.status);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return {
    warmup,
    storm,
    stormRedisCpu,
    stormRedisIn: trafficAfter.inMb - trafficBefore.inMb,
    stormRedisOut: trafficAfter.outMb - trafficBefore.outMb,
    redisBytesPerAlert: stormStoredBytes / (GROUPS * PER_GROUP),
    stormCpu,
    stormKernelCpu,
    stormClientCpu: (clientUsed.user + clientUsed.system) / 1e6,
    stormOutsideCpu,
    bigMs: median(big),
    resendMs: median(resend),
    resendWrites: Math.max(...resendWrites),
    resendStatuses,
    peakRssMb: Math.max(...processes.map((p) => p.rssMb('VmHWM'))),
    stormLostSaves,
  };
}

function verdict(ok: boolean): string {
  return ok ? 'ok  ' : 'MISS';
}

async function main(): Promise<void> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  const dist = path.join(ROOT, 'dist-bench');
  console.log(
    `Storm benchmark: ${GROUPS} groups × ${PER_GROUP} alerts in ${BODY}-alert bodies (+50 % re-sends), ` +
      `${CONCURRENCY} concurrent, after ${GROUPS} × ${WARMUP_PER_GROUP} unmeasured (other groups); ` +
      `${BIG}-alert bodies ×${BIG_ROUNDS}; Vigie ${REPLICAS === 1 ? 'one process' : `${REPLICAS} replicas, bodies in turn`}; Redis ${server.url}`,
  );

  // e.g. VIGIE_NODE_ARGS=--cpu-prof (FLOOR_NODE_ARGS for the floor) to profile a contender during the run.
  const nodeArgs = (name: string) => (process.env[name] ?? '').split(' ').filter((a) => a !== '');
  const floor = await start(
    'floor',
    [...nodeArgs('FLOOR_NODE_ARGS'), path.join(dist, 'bench/storm-floor.js')],
    {
      REDIS_URL: server.url,
    },
  );
  const f = await measure([floor], redis);
  await floor.stop();
  await redis.flushall();

  // Vigie as deployed: Slack and PagerDuty over the network, in a process of their own (the local
  // sandbox would run them on Vigie's event loop, which no production Vigie carries).
  const outside = await startOutsideWorld();
  const vigies: Contender[] = [];
  for (let replica = 1; replica <= REPLICAS; replica += 1) {
    const name = REPLICAS === 1 ? 'vigie' : `vigie-${replica}`;
    vigies.push(
      await start(name, [...nodeArgs('VIGIE_NODE_ARGS'), path.join(dist, 'src/main.js')], {
        REDIS_URL: server.url,
        REDIS_KEY_PREFIX: 'storm',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        ...outside.env,
      }),
    );
  }
  const v = await measure(vigies, redis, {
    outsideCpu: () => outside.cpuSeconds(),
    lostSaves: () => lostSaves(vigies.map((p) => p.url)),
  });
  await Promise.all(vigies.map((p) => p.stop()));
  await outside.stop();

  const row = (name: string, floorValue: string, vigieValue: string, target: string, ok: boolean) =>
    console.log(
      `${verdict(ok)} ${name.padEnd(34)} floor ${floorValue.padStart(12)}   vigie ${vigieValue.padStart(12)}   target ${target}`,
    );
  const n = (x: number, digits = 0) => x.toFixed(digits);
  row('warm-up alerts/s', n(f.warmup.alertsPerSecond), n(v.warmup.alertsPerSecond), '(shown)', true);
  row('warm-up p99 (ms)', n(f.warmup.p99, 1), n(v.warmup.p99, 1), '(shown)', true);
  row(
    'storm alerts/s',
    n(f.storm.alertsPerSecond),
    n(v.storm.alertsPerSecond),
    '≥ 50 % of floor',
    v.storm.alertsPerSecond >= 0.5 * f.storm.alertsPerSecond,
  );
  row('storm: process CPU (s)', n(f.stormCpu, 1), n(v.stormCpu, 1), '(shown)', true);
  row('storm: of which in the kernel (s)', n(f.stormKernelCpu, 2), n(v.stormKernelCpu, 2), '(shown)', true);
  row('storm: client CPU (s)', n(f.stormClientCpu, 1), n(v.stormClientCpu, 1), '(shown)', true);
  row('storm: Redis CPU (s)', n(f.stormRedisCpu, 1), n(v.stormRedisCpu, 1), '(shown)', true);
  row('storm: MB to Redis', n(f.stormRedisIn, 1), n(v.stormRedisIn, 1), '(shown)', true);
  row('storm: MB from Redis', n(f.stormRedisOut, 1), n(v.stormRedisOut, 1), '(shown)', true);
  row('storm: Redis memory per alert (B)', n(f.redisBytesPerAlert), n(v.redisBytesPerAlert), '(shown)', true);
  row('storm: Slack+PD stand-ins CPU (s)', '—', n(v.stormOutsideCpu, 2), '(shown)', true);
  row('storm: saves lost, tried again', '—', n(v.stormLostSaves), '(shown)', true);
  row('storm p50 (ms)', n(f.storm.p50, 1), n(v.storm.p50, 1), '(shown)', true);
  row('storm p99 (ms)', n(f.storm.p99, 1), n(v.storm.p99, 1), '< 50 ms', v.storm.p99 < 50);
  // The tail over the median: how much of the p99 is queueing for the shared cores (alike for both).
  const tail = (r: Run) => n(r.p99 / r.p50, 1);
  row('storm p99 ÷ p50', tail(f.storm), tail(v.storm), '(shown)', true);
  const inOpening = (r: Run) => `${r.slowestInOpening} of ${r.slowestCount}`;
  row(`storm: slowest 1 % begun < ${OPENING_MS} ms`, inOpening(f.storm), inOpening(v.storm), '(shown)', true);
  row(
    `storm p99 after ${OPENING_MS} ms (ms)`,
    n(f.storm.p99AfterOpening, 1),
    n(v.storm.p99AfterOpening, 1),
    '(shown)',
    true,
  );
  row(`${BIG}-alert body (ms)`, n(f.bigMs), n(v.bigMs), '≤ 1.5× floor', v.bigMs <= 1.5 * f.bigMs);
  row(`${BIG}-alert re-send (ms)`, n(f.resendMs), n(v.resendMs), '≤ 2× floor', v.resendMs <= 2 * f.resendMs);
  row('re-send: Redis writes', '—', String(v.resendWrites), '0', v.resendWrites === 0);
  const statuses = [
    ...v.warmup.statuses.entries(),
    ...v.storm.statuses.entries(),
    ...v.resendStatuses.map((s) => [s, 1] as const),
  ];
  const non200 = statuses.filter(([s]) => s !== 200).reduce((sum, [, c]) => sum + c, 0);
  row('non-200 answers', '—', String(non200), '0 (never a 503 while Redis is up)', non200 === 0);
  const perProcess = REPLICAS === 1 ? '' : ', each replica';
  row(
    'peak RSS (MiB)',
    n(f.peakRssMb),
    n(v.peakRssMb),
    `≤ 2× floor${perProcess}`,
    v.peakRssMb <= 2 * f.peakRssMb,
  );

  redis.disconnect();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

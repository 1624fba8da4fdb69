import { createHash } from 'node:crypto';
import { THREAD_WORTHY } from '../../src/incidents/types';
import { SlackEmulator } from '../../src/sandbox/slack-emulator';
import type { EmulatedMessage } from '../../src/sandbox/slack-emulator';
import { createRedisStore } from '../../src/store/redis/redis-store';
import { testRedisUrl, uniquePrefix } from '../support/env';
import {
  ALERTMANAGER_TOKEN,
  BOT_TOKEN,
  fixture,
  ROUTING_KEYS,
  SIGNING_SECRET,
  USERGROUPS,
  USERS,
} from '../support/harness';
import { OpsStandIn } from '../support/ops-standin';
import type { Replica } from '../support/replica';
import { startReplica } from '../support/replica';
import { postAlertsTo, sleep, until } from '../support/waiting';
import { runbooksWith } from '../support/runbooks';

/**
 * The outbound pipeline played live at production settings (Slack's tiers enforced by the emulator,
 * Vigie's own pacing, leases and retries as shipped), with two replicas sharing one Redis: incidents
 * over two channels, each acknowledged, triaged, mitigated (half failing first, then retried), noted,
 * escalated by hand and resolved by Alertmanager.
 */

type Body = {
  alerts: Array<{ labels: Record<string, string>; fingerprint: string; status: string }>;
  status: string;
};

function alertBody(name: string, service: string, status: 'firing' | 'resolved'): string {
  const body = JSON.parse(fixture(name)) as Body;
  body.status = status;
  body.alerts = body.alerts.slice(0, 1).map((a) => ({
    ...a,
    status,
    fingerprint: `fp-${service}`,
    // One service, connector and organisation per incident: its ops calls name it.
    labels: {
      ...a.labels,
      service,
      ...('connector' in a.labels ? { connector: service } : {}),
      ...('org' in a.labels ? { org: service } : {}),
    },
    ...(status === 'resolved' ? { endsAt: new Date().toISOString() } : {}),
  }));
  return JSON.stringify(body);
}

describe('outbound soak: two replicas at production settings', () => {
  const ops = new OpsStandIn(200);
  const pagerduty = new OpsStandIn(202);
  let emulator: SlackEmulator;
  const replicas: Replica[] = [];
  let runbooks: string;
  let slackApi: string;
  const stores: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    await ops.start();
    await pagerduty.start();
    emulator = new SlackEmulator({
      botToken: BOT_TOKEN,
      usergroups: USERGROUPS,
      channels: ['sre-alerts', 'integrations', 'sre-escalations', 'data-compliance', 'sre-latency'],
    });
    slackApi = await emulator.listen();
    runbooks = await runbooksWith({
      'api.latency.yml': [["slack: ['#sre-alerts']", "slack: ['#sre-latency']"]],
      'audit.job.failure.yml': [["slack: ['#sre-alerts']", "slack: ['#data-compliance']"]],
    });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    await Promise.all(stores.map((s) => s.close()));
    await emulator.close();
    await ops.stop();
    await pagerduty.stop();
  });

  it('every card ends equal to its incident, every thread entry once and in order, within Slack tiers', async () => {
    const env: Record<string, string> = {
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix('soak'),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi,
      ALERTMANAGER_TOKEN,
      RUNBOOKS_DIR: runbooks,
      OPS_API_URL: ops.url,
      OPS_API_TOKEN: 'ops-token',
      PAGERDUTY_EVENTS_URL: `${pagerduty.url}/v2/enqueue`,
      ...ROUTING_KEYS,
    };
    const store = createRedisStore(env.REDIS_URL ?? '', env.REDIS_KEY_PREFIX ?? '');
    await store.connect();
    stores.push(store);
    const [a, b] = [await startReplica(env), await startReplica(env)];
    replicas.push(a, b);
    emulator.connectTo(`${a.url}/slack/events`, SIGNING_SECRET);

    const updatesLog: Array<{ at: number; text: string; diff: string }> = [];
    const lastContent = new Map<string, string>();
    emulator.on('update', (m: EmulatedMessage) => {
      const content = JSON.stringify(m.blocks);
      const before = lastContent.get(m.ts) ?? '';
      let i = 0;
      while (i < before.length && before[i] === content[i]) i += 1;
      updatesLog.push({
        at: Date.now(),
        text: m.text,
        diff: `${before.slice(i, i + 80)} => ${content.slice(i, i + 80)}`,
      });
      lastContent.set(m.ts, content);
    });
    emulator.on('message', (m: EmulatedMessage) => lastContent.set(m.ts, JSON.stringify(m.blocks)));
    const cardPostedAt = new Map<string, number>();
    emulator.on('message', (m: EmulatedMessage) => {
      if (m.threadTs === undefined && m.text.includes('INC-')) {
        const id = /\((INC-\d+)\)/.exec(m.text)?.[1];
        if (id !== undefined && !cardPostedAt.has(id)) cardPostedAt.set(id, Date.now());
      }
    });

    // 40 incidents over 4 channels, one every 3 s (about two minutes).
    const kinds = [
      { fixture: 'api-5xx-firing-two-routes', prefix: 'api', channel: 'sre-alerts', mitigation: 'rollback' },
      {
        fixture: 'calendar-queue-firing',
        prefix: 'cal',
        channel: 'integrations',
        mitigation: 'retry-calendar-export',
      },
      { fixture: 'api-latency-firing', prefix: 'lat', channel: 'sre-latency', mitigation: 'degraded-mode' },
      {
        fixture: 'audit-job-failure-firing',
        prefix: 'aud',
        channel: 'data-compliance',
        mitigation: 'rerun-retention-job',
      },
    ];
    const plan = Array.from({ length: 40 }, (_, i) => {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      return { ...kind, service: `${kind.prefix}-${i}` };
    });
    const alertedAt = new Map<string, number>();
    const cardOf = (service: string) =>
      emulator.waitFor(
        () =>
          emulator
            .messagesIn(`#${plan.find((p) => p.service === service)?.channel ?? ''}`)
            .find((m) => blockText(m).includes(`\`service=${service}\``)),
        20_000,
        `card of ${service}`,
      );
    const blockText = (m: EmulatedMessage) => JSON.stringify(m.blocks);
    const idOf = (m: EmulatedMessage) => /\((INC-\d+)\)/.exec(m.text)?.[1] ?? '?';

    // Each incident's life, a few seconds apart, several at once.
    const lifecycle = async (step: (typeof plan)[number], index: number) => {
      await sleep(index * 3000);
      alertedAt.set(step.service, Date.now());
      expect(
        await postAlertsTo(index % 2 === 0 ? a.url : b.url, alertBody(step.fixture, step.service, 'firing')),
      ).toBe(200);
      const card = await cardOf(step.service);
      const id = idOf(card);
      await emulator.clickButton(card, 'incident.ack', USERS.sre);
      for (const triage of (blockText(card).match(/incident\.triage:[a-z0-9-]+/g) ?? []).slice(0, 3))
        await emulator.clickButton(card, triage, USERS.sre);
      // Half the mitigations (those whose ops path names the incident) fail first, then are retried.
      const fails = index % 4 < 2;
      if (fails) ops.script(`/${step.service}/`, { status: 500 }, 1);
      await emulator.clickButton(card, `incident.mitigate:${step.mitigation}`, USERS.sre);
      if (fails) {
        // The responder sees the failure (in the thread or on the card), then retries.
        await until(
          async () => (await store.incidents.get(id))?.mitigations[step.mitigation]?.[0]?.status === 'failed',
          `${id} failed run`,
          20_000,
        );
        await emulator.clickButton(card, `incident.mitigate:${step.mitigation}`, USERS.sre);
      }
      await emulator.sendSlashCommand('/incident', {
        text: `note constat sur ${step.service} ${id}`,
        userId: USERS.sre,
        channel: step.channel,
      });
      // `/incident escalader` asks first; the responder presses its « Escalader maintenant ».
      const asked = await emulator.sendSlashCommand('/incident', {
        text: `escalader ${id}`,
        userId: USERS.sre,
        channel: step.channel,
      });
      const prompt = await emulator.waitFor(
        () => emulator.state.responses.find((r) => r.id === asked.responseId),
        10_000,
        `${id} escalation prompt`,
      );
      const promptBlocks = (prompt.body as { blocks?: unknown[] }).blocks ?? [];
      await emulator.clickButton({ blocks: promptBlocks }, 'incident.escalate', USERS.sre);
      await sleep(2000);
      expect(await postAlertsTo(b.url, alertBody(step.fixture, step.service, 'resolved'))).toBe(200);
      return id;
    };
    const ids = await Promise.all(plan.map((step, i) => lifecycle(step, i)));
    const lastEvent = Date.now();

    // Settled: no card or thread write for 5 s, within 15 s of the last event.
    const writes = () =>
      emulator.state.calls.filter((c) => c.method === 'chat.update' || c.method === 'chat.postMessage')
        .length;
    let seen = writes();
    let stableSince = Date.now();
    while (Date.now() - stableSince < 5000) {
      if (Date.now() - lastEvent > 15_000) {
        process.stdout.write(
          `DEBUG updates total ${emulator.state.calls.filter((c) => c.method === 'chat.update').length}\n${updatesLog
            .filter((u) => u.at > lastEvent)
            .map((u) => `${u.at - lastEvent} ${u.text.slice(0, 90)} ${u.diff}`)
            .join('\n')}\n`,
        );
        const late = emulator.state.calls
          .filter((c) => c.at > lastEvent)
          .map((c) => `${c.at - lastEvent} ${c.method} ${c.status}`);
        throw new Error(`cards still changing 15 s after the last event: ${late.join('; ')}`);
      }
      await sleep(250);
      if (writes() !== seen) {
        seen = writes();
        stableSince = Date.now();
      }
    }
    const settledAfter = stableSince - lastEvent;

    for (const [i, step] of plan.entries()) {
      const card = await cardOf(step.service);
      const id = ids[i] ?? '?';
      expect([id, card.text]).toEqual([id, expect.stringContaining('✅ Résolu')]);
      expect(blockText(card)).toContain('✅ 3.');
      // Slack holds exactly what Vigie last rendered, and that render is of the incident's latest version.
      const [ref] = await store.cards.list(id);
      const held = createHash('sha256')
        .update(JSON.stringify([card.text, card.blocks]))
        .digest('base64url');
      expect([id, ref?.hash]).toEqual([id, held]);
      expect([id, ref?.version]).toEqual([id, (await store.incidents.get(id))?.version]);
      const worthy = ((await store.incidents.get(id))?.timeline ?? []).filter((e) =>
        THREAD_WORTHY.has(e.kind),
      );
      expect([id, (ref?.threadedSeq ?? 0) >= Math.max(...worthy.map((e) => e.seq))]).toEqual([id, true]);
      const replies = emulator.state.messages.filter((m) => m.threadTs === card.ts).map((m) => blockText(m));
      const thread = replies.join('\n');
      expect([id, thread.split(`constat sur ${step.service}`).length - 1]).toEqual([id, 1]);
      const order = [
        thread.indexOf(`constat sur ${step.service}`),
        thread.lastIndexOf('Escalade'),
        thread.indexOf('Résolution'),
      ];
      expect([id, order.every((at) => at >= 0)]).toEqual([id, true]);
      expect([id, order]).toEqual([id, [...order].sort((x, y) => x - y)]);
      if (i % 4 < 2) {
        const failed = thread.indexOf('Mitigation en échec');
        const succeeded = thread.indexOf('Mitigation réussie');
        expect([id, failed >= 0 && succeeded > failed]).toEqual([id, true]);
      }
    }
    // Within Slack's law: no 429 from the tiers, no update that changed nothing.
    const limited = emulator.state.calls.filter((c) => c.status === 429);
    expect(limited).toEqual([]);
    expect(emulator.state.unchangedUpdates).toBe(0);
    // Every new incident's card within 2 s of its alert.
    const delays = plan.map(
      (p, i) => (cardPostedAt.get(ids[i] ?? '') ?? Infinity) - (alertedAt.get(p.service) ?? 0),
    );
    expect(Math.max(...delays)).toBeLessThan(2000);
    const updates = emulator.state.calls.filter((c) => c.method === 'chat.update').length;
    const posts = emulator.state.calls.filter((c) => c.method === 'chat.postMessage').length;
    process.stdout.write(
      `soak: ${plan.length} incidents, ${updates} chat.update, ${posts} chat.postMessage, settled ${settledAfter} ms after the last event, card delay max ${Math.max(...delays)} ms\n`,
    );
    expect(a.output() + b.output()).not.toMatch(/"level":50/);
  }, 300_000);

  it('kill -9 of a replica between chat.postMessage and recording the ts: still one card', async () => {
    const env: Record<string, string> = {
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix('lostpost'),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi,
      ALERTMANAGER_TOKEN,
      RUNBOOKS_DIR: runbooks,
    };
    // Slack posts the card but its answer never reaches replica A: A dies first.
    emulator.failNext('chat.postMessage', { replyDelayMs: 60_000 }, 1, '#sre-alerts');
    const a = await startReplica(env);
    replicas.push(a);
    expect(await postAlertsTo(a.url, alertBody('api-5xx-firing-two-routes', 'lost-post', 'firing'))).toBe(
      200,
    );
    const cards = () =>
      emulator
        .messagesIn('#sre-alerts')
        .filter((m) => JSON.stringify(m.blocks).includes('`service=lost-post`'));
    await emulator.waitFor(() => cards().length === 1, 5000, 'the card posted by A');
    await a.kill();
    const b = await startReplica(env);
    replicas.push(b);
    // B takes the card over when A's lease ends (30 s), finds it by its metadata and brings it up to date.
    await emulator.waitFor(() => (cards()[0]?.updates ?? 0) >= 1, 50_000, 'the card updated by B');
    expect(emulator.state.calls.some((c) => c.method === 'conversations.history' && c.status === 200)).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(cards()).toHaveLength(1);
  }, 90_000);
});

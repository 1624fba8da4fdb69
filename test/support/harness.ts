import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Vigie } from '../../src/app';
import { createVigie } from '../../src/app';
import type { Clock } from '../../src/incidents/ports';
import { DEFAULT_PAGERDUTY_RETRY_DELAYS_MS } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import { loadRunbooks } from '../../src/runbooks/loader';
import { SlackEmulator } from '../../src/sandbox/slack-emulator';
import type { SlackEmulatorOptions } from '../../src/sandbox/slack-emulator';
import { createMemoryStore } from '../../src/store/memory/memory-store';
import { createRedisStore } from '../../src/store/redis/redis-store';
import type { Store } from '../../src/store/store';
import { testRedisUrl, uniquePrefix } from './env';

export const BOT_TOKEN = 'xoxb-test-0000-secret-bot-token';
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const ALERTMANAGER_TOKEN = 'am-test-token-s3cret';

const FIXTURES = path.join(__dirname, '../fixtures/alertmanager');
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');

export interface HarnessOptions {
  store?: 'redis' | 'memory';
  redisUrl?: string;
  alertmanagerToken?: string | undefined;
  alertsMaxBodyBytes?: number;
  emulator?: Partial<SlackEmulatorOptions>;
  locale?: 'fr' | 'en';
  ops?: { baseUrl: string | undefined; token?: string; dryRun?: boolean };
  runbooksDir?: string;
  pagerdutyUrl?: string;
  prometheusUrl?: string;
  /** Keep the SLO file's « SLA menacé » rule (off by default: fixtures' fixed dates would trip it). */
  slaRule?: boolean;
  /**
   * Keep the seed's deadlines counted from the incident's start (off by default, as runbooksWith:
   * the fixtures' alerts began on 27 November, those steps would fire at every opening).
   */
  startAnchors?: boolean;
  /** Share a store between harnesses (a restart with other runbooks). */
  redisPrefix?: string;
  smtpUrl?: string;
  /** The test world's clock: Vigie's (domain, timers, SLO tracker, Slack request freshness) and the Slack emulator's. */
  clock?: Clock;
}

/** The routing keys the test contacts' roles page with (PAGERDUTY_ROUTING_KEY_* in production). */
export const ROUTING_KEYS: Record<string, string> = {
  PAGERDUTY_ROUTING_KEY_TECH_LEAD: 'rk-tech-lead',
  PAGERDUTY_ROUTING_KEY_ONCALL_BACKEND: 'rk-oncall-backend',
  PAGERDUTY_ROUTING_KEY_DEVOPS: 'rk-devops',
};

/** Slack user groups as the emulator knows them: the test contacts' groups and who is in them. */
export const USERS = {
  sre: 'U0SRE0001',
  techLead: 'U0TECHLD1',
  integrations: 'U0INTEG01',
  stranger: 'U0STRANGE',
} as const;
export const USERGROUPS: Record<string, string[]> = {
  S0SRE000001: [USERS.sre],
  S0TECHLEAD1: [USERS.techLead],
  S0INTEGR001: [USERS.integrations],
};

export interface Harness {
  vigie: Vigie;
  url: string;
  emulator: SlackEmulator;
  store: Store;
  logs: () => string[];
  postAlerts(
    body: string,
    token?: string | null,
  ): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }>;
  close(): Promise<void>;
}

async function runbookSet(options: HarnessOptions) {
  const set = await loadRunbooks(options.runbooksDir ?? path.join(__dirname, '../../runbooks'));
  if (options.slaRule !== true) set.slo.availability.sla_threatened = { projected_breach: false };
  if (options.startAnchors !== true)
    for (const step of set.runbooks.flatMap((r) => r.escalation))
      if ('after' in step.when) step.when.from = 'opening';
  return set;
}

/** A whole Vigie over real HTTP: real Redis (or memory), the Slack emulator on its own port, the seed runbooks. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { clock } = options;
  const emulator = new SlackEmulator({
    botToken: BOT_TOKEN,
    usergroups: USERGROUPS,
    ...(clock === undefined ? {} : { now: () => clock.now() }),
    ...options.emulator,
  });
  const apiUrl = await emulator.listen();
  let store: Store;
  if (options.store === 'memory') {
    store = createMemoryStore();
  } else {
    const redisStore = createRedisStore(
      options.redisUrl ?? testRedisUrl(),
      options.redisPrefix ?? uniquePrefix('it'),
    );
    await redisStore.connect();
    store = redisStore;
  }
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const amToken = 'alertmanagerToken' in options ? options.alertmanagerToken : ALERTMANAGER_TOKEN;
  const vigie = createVigie({
    logger: createLogger('debug', sink),
    store,
    runbooks: await runbookSet(options),
    slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl },
    alertmanagerToken: amToken,
    alertsMaxBodyBytes: options.alertsMaxBodyBytes ?? 32 * 1024 * 1024,
    ...(clock === undefined ? {} : { clock }),
    defaultChannel: '#sre-alerts',
    escalationChannel: '#sre-escalations',
    ops: {
      baseUrl: options.ops?.baseUrl,
      token: options.ops?.token ?? 'ops-test-token',
      dryRun: options.ops?.dryRun ?? false,
    },
    // Nothing listens on port 9 of loopback: an unset stand-in is an unreachable PagerDuty.
    pagerduty: {
      eventsUrl: options.pagerdutyUrl ?? 'http://127.0.0.1:9/v2/enqueue',
      routingKeys: ROUTING_KEYS,
      // Production values: retries, polls and leases are never shortened in tests.
      retryDelaysMs: DEFAULT_PAGERDUTY_RETRY_DELAYS_MS,
    },
    email: { smtpUrl: options.smtpUrl, from: 'Vigie <vigie@jmd.example>' },
    locale: options.locale ?? 'fr',
    prometheusUrl: options.prometheusUrl,
    postmortemTemplate: readFileSync(path.join(__dirname, '../../docs/compliance/postmortem.md'), 'utf8'),
  });
  const url = await vigie.listen(0, '127.0.0.1');
  emulator.connectTo(`${url}/slack/events`, SIGNING_SECRET);
  return {
    vigie,
    url,
    emulator,
    store,
    logs: () => lines,
    postAlerts: async (body, token = amToken ?? null) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${url}/alerts`, { method: 'POST', headers, body });
      const text = await response.text();
      return {
        status: response.status,
        json: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
        headers: response.headers,
      };
    },
    close: async () => {
      await vigie.close();
      await emulator.close();
      await store.close();
    },
  };
}

/** The card of the first incident in a channel, once posted. */
export async function cardIn(h: Harness, channel: string, containing: string) {
  return h.emulator.waitFor(
    () => h.emulator.messagesIn(channel).find((m) => m.text.includes(containing)),
    8000,
    `card "${containing}" in ${channel}`,
  );
}

/** Thread replies under a card. */
export const threadOf = (h: Harness, card: { ts: string }) =>
  h.emulator.state.messages.filter((m) => m.threadTs === card.ts);

/** What Vigie answered privately to an interaction or command (its response_url). */
export const responseTo = (h: Harness, responseId: string) =>
  h.emulator.waitFor(
    () => h.emulator.state.responses.find((r) => r.id === responseId),
    5000,
    `reply ${responseId}`,
  );

/** The two-route api.5xx body for another service: another incident (its own key and alerts). */
export function api5xxFiringFor(service: string): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
    alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
  };
  body.alerts = body.alerts.map((a, i) => ({
    ...a,
    fingerprint: `fp-${service}-${i}`,
    labels: { ...a.labels, service },
  }));
  return JSON.stringify(body);
}

/** api.5xx failing on three routes at once: enough to threaten the SLA (SEV1). */
export function threeRoutesFiring(): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
    alerts: Array<{ fingerprint: string; labels: Record<string, string> }>;
  };
  const [first] = body.alerts;
  if (first !== undefined)
    body.alerts.push({ ...first, fingerprint: 'third', labels: { ...first.labels, path: '/api/v1/audit' } });
  return JSON.stringify(body);
}

/** All text of a message's blocks, for assertions. */
export const blockText = (message: { blocks: unknown[] } | undefined): string =>
  JSON.stringify(message?.blocks ?? []);

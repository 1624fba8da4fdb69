import fc from 'fast-check';
import { slackSignature } from '../../src/sandbox/signing';
import type { Harness } from '../support/harness';
import { fixture, SIGNING_SECRET, startHarness } from '../support/harness';

/**
 * Generated input against a real Vigie on a real Redis: 10,000 bodies to /alerts and 1,000 signed
 * payloads to /slack/events. Nothing may crash or answer 5xx; every valid alert, however odd, is
 * stored; no Slack payload of ours changes an incident. The seed is printed so a failure replays.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

const odd = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '..',
    '.',
    '',
    '<!channel>',
    '<@U0ATTACK1>',
    '&amp;',
    'javascript:alert(1)',
    '%zz',
    '\u0000',
    '🔥'.repeat(30),
  ),
);

let fingerprintCounter = 0;
/** A valid Alertmanager alert with odd content: unmapped (its own alertname), firing, a unique fingerprint. */
const validAlert = fc.record({
  alertname: fc.constantFrom('FuzzA', 'FuzzB', 'FuzzC'),
  service: fc.oneof(
    fc.constantFrom('__proto__', '<!here>'),
    fc.integer({ min: 0, max: 60 }).map((n) => `svc-${n}`),
  ),
  extraName: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/),
  extraValue: odd,
  summary: odd,
  generatorURL: fc.oneof(fc.constant('http://prometheus:9090/graph'), odd),
  fingerprint: fc.oneof(odd, fc.stringMatching(/^[0-9a-f]{16}$/)),
});

/** A body that is not a valid Alertmanager payload: random JSON, or a valid one with one field broken. */
const invalidBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc
    .record({
      field: fc.constantFrom('alerts', 'version', 'status', 'receiver'),
      value: fc.jsonValue(),
    })
    .map(({ field, value }) => {
      const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as Record<string, unknown>;
      body[field] = value;
      return JSON.stringify(body);
    }),
);

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

describe(`fuzz (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('10,000 generated bodies to /alerts: no crash, no 5xx, every valid alert stored', async () => {
    const template = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<Record<string, unknown>>;
    };
    const base = template.alerts[0] ?? {};
    const valid = fc.sample(fc.array(validAlert, { minLength: 1, maxLength: 5 }), {
      seed: SEED,
      numRuns: 7000,
    });
    const invalid = fc.sample(invalidBody, { seed: SEED + 1, numRuns: 3000 });
    const stored = new Set<string>();
    const bodies = [
      ...valid.map((alerts) => {
        const records = alerts.map((a) => {
          fingerprintCounter += 1;
          const fingerprint = `${a.fingerprint}#${fingerprintCounter}`;
          stored.add(fingerprint);
          return {
            ...base,
            status: 'firing',
            fingerprint,
            labels: { alertname: a.alertname, service: a.service, env: 'fuzz', [a.extraName]: a.extraValue },
            annotations: { summary: a.summary },
            generatorURL: a.generatorURL,
          };
        });
        return { body: JSON.stringify({ ...template, alerts: records }), valid: true };
      }),
      ...invalid.map((body) => ({ body, valid: false })),
    ];
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    await pool(bodies, 8, async ({ body, valid }) => {
      const result = await h.postAlerts(body);
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      if (result.status >= 500 || (valid && result.status !== 200))
        failures.push(
          `${result.status} ${JSON.stringify(result.json).slice(0, 200)} ← ${body.slice(0, 300)}`,
        );
    });
    expect(failures.slice(0, 5)).toEqual([]);
    expect(bodies.length).toBeGreaterThanOrEqual(10_000);
    const kept = new Set<string>();
    for (const incident of await h.store.incidents.listOpenedSince(0))
      for (const a of await h.store.incidents.listAlerts(incident.id, 1_000_000)) kept.add(a.fingerprint);
    const missing = [...stored].filter((fingerprint) => !kept.has(fingerprint));
    expect(missing.slice(0, 5)).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    process.stdout.write(`fuzz /alerts (seed ${SEED}): ${JSON.stringify([...statuses.entries()])}\n`);
  }, 240_000);

  it('1,000 signed generated payloads to /slack/events: no crash, no 5xx, no state change', async () => {
    const before = new Set((await h.store.incidents.listOpenedSince(0)).map((i) => i.id));
    // Replies go nowhere (loopback port 9): the generated payloads never name another address.
    const responseUrl = 'http://127.0.0.1:9/response/fuzz';
    const interaction = fc.record({
      type: fc.constantFrom('block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action'),
      user: fc.oneof(fc.constant(null), fc.record({ id: odd }), fc.jsonValue()),
      team: fc.oneof(fc.constant(null), fc.record({ id: fc.constantFrom('T0SANDBOX', 'T0OTHER') })),
      actions: fc.oneof(
        fc.constant({}),
        fc.array(
          fc.record({
            action_id: fc.constantFrom(
              'incident.ack',
              'incident.mitigate:rollback',
              'incident.triage:x',
              'zzz',
            ),
            type: fc.constant('button'),
            value: fc.oneof(
              odd,
              fc.jsonValue().map((v) => JSON.stringify(v)),
            ),
          }),
          { maxLength: 3 },
        ),
      ),
      view: fc.oneof(fc.constant(undefined), fc.jsonValue()),
      response_url: fc.constant(responseUrl),
    });
    const command = fc.record({
      command: fc.constantFrom('/incident', '/other', 'incident'),
      text: fc.oneof(odd, fc.constantFrom('prendre', 'note x', 'resoudre INC-999', 'declare', 'escalader')),
      user_id: odd,
      channel_id: odd,
      team_id: fc.constantFrom('T0SANDBOX', 'T0OTHER', ''),
      response_url: fc.constant(responseUrl),
      trigger_id: odd,
    });
    const bodies = fc.sample(
      fc.oneof(
        interaction.map((p) => ({
          body: new URLSearchParams({ payload: JSON.stringify(p) }).toString(),
          type: 'application/x-www-form-urlencoded',
        })),
        command.map((c) => ({
          body: new URLSearchParams(c).toString(),
          type: 'application/x-www-form-urlencoded',
        })),
        fc.jsonValue().map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
        fc.string({ maxLength: 300 }).map((s) => ({ body: s, type: 'application/x-www-form-urlencoded' })),
      ),
      { seed: SEED + 2, numRuns: 1000 },
    );
    const failures: string[] = [];
    await pool(bodies, 8, async ({ body, type }) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(`${h.url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': type,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      await response.text();
      if (response.status >= 500) failures.push(`${response.status} ← ${body.slice(0, 300)}`);
    });
    expect(failures.slice(0, 5)).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    // Generated payloads name no real incident nor channel: whatever Vigie answered, no person acted.
    const after = await h.store.incidents.listOpenedSince(0);
    expect(after.length).toBe(before.size);
    const byPeople = after.flatMap((i) =>
      i.timeline
        .filter((e) => e.actor !== 'alertmanager' && e.actor !== 'vigie')
        .map((e) => `${i.id} ${e.kind} ${e.actor}`),
    );
    expect(byPeople).toEqual([]);
  }, 120_000);
});

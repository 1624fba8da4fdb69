import net from 'node:net';
import { blockActionsPayload, findButton } from '../../src/sandbox/interaction-payloads';
import { slackSignature } from '../../src/sandbox/signing';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, SIGNING_SECRET, startHarness, USERS } from '../support/harness';
import { until } from '../support/waiting';

/** Sends raw bytes on a fresh TCP connection and returns what came back (or '' if the socket closed). */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.setTimeout(3000, () => socket.destroy());
  });
}

const alive = async (h: Harness) => (await fetch(`${h.url}/healthz`)).status;

describe('hostile input: nothing crashes, nothing odd is acted on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('odd request lines get a 400 and the server goes on', async () => {
    const targets = [
      'http://%zz/',
      '//%zz/metrics',
      'http://[::1/alerts',
      '/%',
      'http://a:b@%zz/healthz',
      '*',
      'http://vigie:99999/',
      '/alerts?%zz',
    ];
    for (const target of targets) {
      const answer = await rawRequest(
        h.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect([target, answer.slice(0, 12)]).toEqual([target, expect.stringMatching(/^HTTP\/1\.1 4\d\d/)]);
      expect(await alive(h)).toBe(200);
    }
    const garbage = await rawRequest(h.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(await alive(h)).toBe(200);
  });

  it('signed garbage from Slack: 200, nothing done, never a 5xx, never a crash', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const form = (payload: string) => new URLSearchParams({ payload }).toString();
    const bodies: Array<[string, string]> = [
      [form('null'), 'application/x-www-form-urlencoded'],
      [form('{'), 'application/x-www-form-urlencoded'],
      [form('[]'), 'application/x-www-form-urlencoded'],
      ['null', 'application/json'],
      ['[1,2]', 'application/json'],
      ['{"type":"event_callback"}', 'application/json'],
      [
        form(JSON.stringify({ type: 'block_actions', user: null, team: { id: 'T0SANDBOX' }, actions: [] })),
        'application/x-www-form-urlencoded',
      ],
      [
        form(
          JSON.stringify({
            type: 'block_actions',
            user: { id: USERS.sre },
            team: { id: 'T0SANDBOX' },
            actions: {},
          }),
        ),
        'application/x-www-form-urlencoded',
      ],
      [
        form(JSON.stringify({ type: 'view_submission', user: { id: USERS.sre }, team: { id: 'T0SANDBOX' } })),
        'application/x-www-form-urlencoded',
      ],
      [
        form(
          JSON.stringify({
            type: 'block_actions',
            user: { id: USERS.sre },
            team: { id: 'T0SANDBOX' },
            actions: [{ action_id: 'incident.ack', type: 'button', value: 42 }],
          }),
        ),
        'application/x-www-form-urlencoded',
      ],
      ['command=%2Fincident&text=prendre', 'application/x-www-form-urlencoded'],
      ['', 'text/plain'],
    ];
    for (const [body, type] of bodies) {
      const sent = await h.emulator.sendRaw(body, type);
      expect([body, sent.status]).toEqual([body, 200]);
    }
    expect(await alive(h)).toBe(200);
    // A well-formed click still works afterwards: the witness that the garbage changed nothing.
    expect((await h.store.incidents.get('INC-1'))?.status).toBe('open');
    await h.emulator.clickButton(card, 'incident.ack', USERS.sre);
    await h.emulator.waitFor(() => card.text.includes('Pris en charge'), 5000, 'acknowledged card');
    expect(h.logs().join('')).toContain('"reason":"odd_payload"');
  });

  it('a request from another workspace or organisation is refused and logged, whatever its signature', async () => {
    await h.postAlerts(fixture('calendar-queue-firing'));
    const incident = (await h.store.incidents.listOpen()).find(
      (i) => i.policy.runbookId === 'calendar.queue',
    );
    const command = (team: Record<string, string>) =>
      new URLSearchParams({
        command: '/incident',
        text: `prendre ${incident?.id ?? ''}`,
        user_id: USERS.integrations,
        channel_id: 'C00000002',
        response_url: 'http://127.0.0.1:9/response/x',
        trigger_id: '1.2.3',
        ...team,
      }).toString();
    const foreign = await h.emulator.sendRaw(
      command({ team_id: 'T0OTHER' }),
      'application/x-www-form-urlencoded',
    );
    expect(foreign.status).toBe(200);
    expect(foreign.body).toContain("n'est pas installée dans cet espace de travail");
    const grid = await h.emulator.sendRaw(
      command({ team_id: 'T0SANDBOX', enterprise_id: 'E0OTHER' }),
      'application/x-www-form-urlencoded',
    );
    expect(grid.body).toContain("n'est pas installée");
    // The same command from the installed workspace does act: the refusals were about the team alone.
    const own = await h.emulator.sendSlashCommand('/incident', {
      text: `prendre ${incident?.id ?? ''}`,
      userId: USERS.integrations,
      channel: 'integrations',
    });
    expect(own.status).toBe(200);
    await h.emulator.waitFor(
      () => h.emulator.state.responses.some((r) => r.id === own.responseId),
      5000,
      'the acknowledgement',
    );
    const stored = await h.store.incidents.get(incident?.id ?? '');
    expect(stored?.acknowledgedBy).toBe(USERS.integrations);
    expect(h.logs().filter((l) => l.includes('"reason":"foreign_workspace"'))).toHaveLength(2);
  });

  it('a signed request replayed within the 5 minutes is acted on once', async () => {
    const body = new URLSearchParams({
      command: '/incident',
      text: 'note rejouée INC-1',
      user_id: USERS.sre,
      channel_id: 'C00000001',
      team_id: 'T0SANDBOX',
      response_url: 'http://127.0.0.1:9/response/replay',
      trigger_id: '1.2.3',
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
    };
    const first = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    const again = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    expect([first.status, again.status]).toEqual([200, 200]);
    const noted = async () =>
      ((await h.store.incidents.get('INC-1'))?.timeline ?? []).some((e) =>
        e.details.join(' ').includes('rejouée'),
      );
    for (let i = 0; i < 100 && !(await noted()); i += 1) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    const notes = (await h.store.incidents.get('INC-1'))?.timeline.filter((e) => e.kind === 'note') ?? [];
    expect(notes.filter((n) => n.details.join(' ').includes('rejouée'))).toHaveLength(1);
    expect(h.logs().join('')).toContain('"reason":"replay"');
  });

  it('a replayed click is answered 200 at once and acted on once (a triage step is not unticked)', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const button = findButton(card.blocks, 'incident.triage:grafana-api-core');
    if (button === undefined) throw new Error('no triage button on the card');
    const payload = {
      team: { id: 'T0SANDBOX', domain: 'jmd-sandbox' },
      api_app_id: 'A0VIGIE',
      response_url: 'http://127.0.0.1:9/response/replayed-click',
      trigger_id: '4.5.6',
      ...blockActionsPayload(card, button, USERS.sre, { id: card.channel, name: 'sre-alerts' }),
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
    };
    const replays = () => h.logs().filter((l) => l.includes('"reason":"replay"')).length;
    const replaysBefore = replays();
    const first = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    const again = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    expect([first.status, await first.text(), again.status, await again.text()]).toEqual([200, '', 200, '']);
    // The witnesses: the replay was looked at and refused, and the first click ticked the step.
    await h.emulator.waitFor(() => replays() > replaysBefore, 5000, 'the replay refused');
    await h.emulator.waitFor(() => blockText(card).includes('✅ 1. Ouvrir Grafana'), 5000, 'the step ticked');
    const triage = async () =>
      (await h.store.audit.list('INC-1')).filter((e) => e.action.startsWith('triage.')).map((e) => e.action);
    await until(async () => (await triage()).length > 0, 'the tick audited', 5000);
    expect(await triage()).toEqual(['triage.check']);
  });

  it('fingerprints named like Object.prototype members are stored like any other', async () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<{ fingerprint: string; labels: Record<string, string> }>;
    };
    const [first] = body.alerts;
    if (first === undefined) throw new Error('fixture without alerts');
    const alertNamed = (fingerprint: string) => ({
      ...first,
      fingerprint,
      labels: { ...first.labels, service: 'proto-api', path: `/api/${fingerprint}` },
    });
    // The incident exists first; the odd fingerprints join it.
    expect((await h.postAlerts(JSON.stringify({ ...body, alerts: [alertNamed('ordinary')] }))).status).toBe(
      200,
    );
    body.alerts = names.map(alertNamed);
    const stored = await h.postAlerts(JSON.stringify(body));
    expect(stored.status).toBe(200);
    const incident = (await h.store.incidents.listOpen()).find((i) => i.groupLabels.service === 'proto-api');
    const alerts = await h.store.incidents.listAlerts(incident?.id ?? '', 100);
    expect(alerts.map((a) => a.fingerprint).sort()).toEqual([...names, 'ordinary'].sort());
    expect(incident?.alertTally).toMatchObject({ firing: names.length + 1 });
    // Sent again: five duplicates, recognised as such.
    const again = await h.postAlerts(JSON.stringify(body));
    expect(again.json).toMatchObject({ status: 'stored' });
    expect(JSON.stringify(again.json.incidents)).toContain('unchanged');
  });

  it('alert text cannot mention anyone, link anywhere or run javascript on any surface', async () => {
    const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<Record<string, unknown> & { labels: Record<string, string> }>;
      commonLabels: Record<string, string>;
      groupLabels: Record<string, string>;
    };
    const [first] = body.alerts;
    if (first === undefined) throw new Error('fixture without alerts');
    const hostile = '<!channel> <!here> <!subteam^S0ATTACK1> <@U0ATTACK1> <https://attacker.example|Grafana>';
    body.alerts = [
      {
        ...first,
        fingerprint: 'hostile',
        labels: { alertname: `Evil <!here>`, service: 'evil <!channel>', env: 'prod' },
        annotations: { summary: hostile, description: hostile },
        generatorURL: 'javascript:alert(document.cookie)',
      },
    ];
    body.commonLabels = {};
    body.groupLabels = {};
    expect((await h.postAlerts(JSON.stringify(body))).status).toBe(200);
    const card = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-alerts').find((m) => m.text.includes('attacker.example')),
      8000,
      'the unmapped card',
    );
    const id = /\((INC-\d+)\)/.exec(card.text)?.[1] ?? '';
    await h.emulator.sendSlashCommand('/incident', { text: `resoudre ${id}`, userId: USERS.sre });
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.state.views).includes('attacker.example'),
      5000,
      'the resolve modal',
    );
    await h.emulator.sendSlashCommand('/incident', { text: `statut ${id}`, userId: USERS.sre });
    await h.emulator.sendSlashCommand('/incident', { text: 'liste', userId: USERS.sre });
    await new Promise((r) => setTimeout(r, 1000));
    const everything = JSON.stringify([
      h.emulator.state.messages,
      h.emulator.state.views,
      h.emulator.state.responses,
      h.emulator.state.ephemerals,
    ]);
    expect(everything).toContain('&lt;!channel&gt;');
    for (const live of [
      '<!channel>',
      '<!here>',
      '<!subteam^S0ATTACK1>',
      '<@U0ATTACK1>',
      '<https://attacker',
      'javascript:',
    ])
      expect([live, everything.includes(live)]).toEqual([live, false]);
  });

  it('slow clients are cut off: headers dribbled for longer than 10 s, and more than 200 sockets from one address', async () => {
    const { hostname, port } = new URL(h.url);
    const open = (n: number) =>
      Array.from({ length: n }, () => {
        const socket = net.connect(Number(port), hostname);
        socket.on('error', () => undefined);
        // Read what the server answers, so its closing is seen.
        socket.resume();
        return socket;
      });
    const closed = (socket: net.Socket) =>
      new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const slow = open(3);
    for (const socket of slow) socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const dribble = setInterval(() => {
      for (const socket of slow) if (!socket.destroyed) socket.write('X-Slow: 1\r\n');
    }, 1000);
    const started = Date.now();
    try {
      await Promise.all(slow.map(closed));
    } finally {
      clearInterval(dribble);
    }
    const heldFor = Date.now() - started;
    expect(heldFor).toBeGreaterThanOrEqual(9000);
    expect(heldFor).toBeLessThan(14_000);
    const many = open(230);
    const refused = await new Promise<number>((resolve) => {
      setTimeout(() => resolve(many.filter((s) => s.destroyed || s.closed).length), 1500);
    });
    expect(refused).toBeGreaterThanOrEqual(30);
    for (const socket of many) socket.destroy();
    // Once those are gone, the same address is served again.
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      status = await alive(h).catch(() => 0);
    }
    expect(status).toBe(200);
  }, 30_000);
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { App } from '@slack/bolt';
import { createLogger } from '../../../src/observability/logger';
import { boltLogger } from '../../../src/slack/bolt-logger';
import type { GatedRequest } from '../../../src/slack/request-gate/gate-receiver';
import { GateReceiver, UNACKNOWLEDGED_AFTER_MS } from '../../../src/slack/request-gate/gate-receiver';

/** A real Bolt app on a GateReceiver, behind a real HTTP server that dispatches one fixed body. */
async function boltBehindGate(register: (app: App) => void) {
  const lines: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const receiver = new GateReceiver(logger);
  const app = new App({
    receiver,
    convoStore: false,
    logger: boltLogger(logger),
    authorize: () =>
      Promise.resolve({ botToken: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', teamId: 'T1' }),
  });
  register(app);
  let next: GatedRequest | undefined;
  const server = http.createServer((_req, res) => {
    if (next === undefined) return;
    // As the gate does for a click: Slack answered first, then Bolt dispatched.
    if (next.answered) res.end('answered by the gate');
    receiver.dispatch(next, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    lines,
    send: async (body: Record<string, unknown>, answered = false) => {
      next = { body, answered, retryNum: undefined, retryReason: undefined };
      const t0 = performance.now();
      const response = await fetch(url, { method: 'POST' });
      return { status: response.status, body: await response.text(), ms: performance.now() - t0 };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const click = (actionId: string) => ({
  type: 'block_actions',
  user: { id: 'U1', team_id: 'T1' },
  team: { id: 'T1' },
  api_app_id: 'A1',
  token: 'deprecated',
  trigger_id: '1.2.3',
  actions: [{ action_id: actionId, block_id: 'b', type: 'button', value: 'v', action_ts: '1' }],
});

describe('GateReceiver: Bolt dispatched the body the gate parsed once', () => {
  it("hands the listener the body and answers with its ack: empty, or a modal's JSON", async () => {
    const seen: string[] = [];
    const bolt = await boltBehindGate((app) => {
      app.action('press', async ({ ack, body }) => {
        seen.push(body.user.id);
        await ack();
      });
      app.view('form', async ({ ack }) => {
        await ack({ response_action: 'errors', errors: { field: 'Obligatoire' } });
      });
    });
    try {
      const pressed = await bolt.send(click('press'));
      expect(pressed).toMatchObject({ status: 200, body: '' });
      expect(seen).toEqual(['U1']);
      const submitted = await bolt.send({
        type: 'view_submission',
        user: { id: 'U1', team_id: 'T1' },
        team: { id: 'T1' },
        view: { id: 'V1', callback_id: 'form', state: { values: {} } },
      });
      expect(submitted.status).toBe(200);
      expect(JSON.parse(submitted.body)).toEqual({
        response_action: 'errors',
        errors: { field: 'Obligatoire' },
      });
    } finally {
      await bolt.close();
    }
  });

  it('a request the gate already answered reaches its listener; the ack writes nothing more', async () => {
    const seen: string[] = [];
    const bolt = await boltBehindGate((app) => {
      app.action('press', async ({ ack, body }) => {
        await ack();
        seen.push(body.user.id);
      });
      app.action('broken', () => Promise.reject(new Error('listener broke')));
    });
    try {
      expect(await bolt.send(click('press'), true)).toMatchObject({
        status: 200,
        body: 'answered by the gate',
      });
      await new Promise<void>((resolve) => {
        const poll = () => (seen.length > 0 ? resolve() : setTimeout(poll, 10));
        poll();
      });
      expect(seen).toEqual(['U1']);
      await bolt.send(click('broken'), true);
      await new Promise<void>((resolve) => {
        const poll = () =>
          bolt.lines.join('').includes('listener broke') ? resolve() : setTimeout(poll, 10);
        poll();
      });
      expect(bolt.lines.join('')).toMatch(
        /"err":"listener broke".*failed after the request was acknowledged/,
      );
    } finally {
      await bolt.close();
    }
  });

  it('answers an empty 200 before Slack gives up when no listener acknowledges, and says so', async () => {
    const bolt = await boltBehindGate(() => undefined);
    try {
      const answer = await bolt.send(click('nobody-listens'));
      expect(answer).toMatchObject({ status: 200, body: '' });
      expect(answer.ms).toBeGreaterThanOrEqual(UNACKNOWLEDGED_AFTER_MS - 50);
      expect(answer.ms).toBeLessThan(3000);
      expect(bolt.lines.join('')).toMatch(/no listener acknowledged the request in time/);
    } finally {
      await bolt.close();
    }
  });

  it('answers an empty 200 at once when Bolt fails before the ack, and logs the failure', async () => {
    const bolt = await boltBehindGate((app) => {
      app.action('press', () => Promise.reject(new Error('listener broke')));
    });
    try {
      const answer = await bolt.send(click('press'));
      expect(answer).toMatchObject({ status: 200, body: '' });
      expect(answer.ms).toBeLessThan(UNACKNOWLEDGED_AFTER_MS);
      expect(bolt.lines.join('')).toMatch(
        /"err":"listener broke".*failed before the request was acknowledged/,
      );
    } finally {
      await bolt.close();
    }
  });
});

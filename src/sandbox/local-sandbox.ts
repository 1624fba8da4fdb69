import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body';
import { sendJson } from '../http/respond';
import type { Logger } from '../observability/logger';
import type { Route } from '../http/server';
import type { Contacts } from '../runbooks/schema';
import type { EmulatedMessage } from './emulator-state';
import { SlackEmulator } from './slack-emulator';

export interface LocalSandbox {
  emulator: SlackEmulator;
  botToken: string;
  signingSecret: string;
  apiUrl: string;
  routes: Route[];
  close(): Promise<void>;
}

/**
 * `npm start` without a Slack token: an in-process Slack emulator with throwaway credentials. Vigie
 * talks to it over real HTTP exactly as it would to Slack; each card it posts is echoed in the log.
 */
/** The person clicking in the sandbox: a member of every role, so every button can be tried. */
export const SANDBOX_USER = 'U0SANDBOX1';

export async function startLocalSandbox(logger: Logger, contacts: Contacts): Promise<LocalSandbox> {
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const usergroups = Object.fromEntries(
    Object.values(contacts.roles)
      .map((role) => role.slack.usergroup)
      .filter((id): id is string => id !== undefined)
      .map((id) => [id, [SANDBOX_USER]]),
  );
  const emulator = new SlackEmulator({ botToken, signingSecret, usergroups });
  const apiUrl = await emulator.listen(0, '127.0.0.1');
  const log = logger.child({ component: 'sandbox-slack' });
  const channelName = (id: string) => `#${emulator.channels.find((c) => c.id === id)?.name ?? id}`;
  const echo = (verb: string) => (m: EmulatedMessage) =>
    log.info({ channel: channelName(m.channel), ts: m.ts }, `${verb}: ${m.text}`);
  emulator.on('message', echo('posted'));
  emulator.on('update', echo('updated'));
  return {
    emulator,
    botToken,
    signingSecret,
    apiUrl,
    routes: [
      { method: 'GET', path: '/sandbox/slack/state', handler: (req, res) => emulator.handle(req, res) },
      { method: 'POST', path: '/sandbox/slack/click', handler: clickHandler(emulator) },
      { method: 'POST', path: '/sandbox/slack/command', handler: commandHandler(emulator) },
    ],
    close: () => emulator.close(),
  };
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, 64 * 1024)).toString('utf8');
  const parsed = JSON.parse(raw === '' ? '{}' : raw) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** POST /sandbox/slack/click {"ts": "<card ts>", "action": "incident.mitigate:rollback"}: clicks as the sandbox user. */
function clickHandler(emulator: SlackEmulator) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await jsonBody(req);
      const message = emulator.state.messages.find((m) => m.ts === text(body.ts));
      if (message === undefined)
        return sendJson(res, 404, { error: 'no message with that ts; see GET /sandbox/slack/state' });
      const result = await emulator.clickButton(message, text(body.action), text(body.user, SANDBOX_USER));
      sendJson(res, 200, { vigieStatus: result.status });
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  };
}

/** POST /sandbox/slack/command {"text": "ack INC-1", "channel": "sre-alerts"}: types /incident as the sandbox user. */
function commandHandler(emulator: SlackEmulator) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await jsonBody(req);
      const input = {
        text: text(body.text),
        channel: text(body.channel, 'sre-alerts'),
        userId: SANDBOX_USER,
      };
      const result = await emulator.sendSlashCommand('/incident', input);
      const reply = await emulator.waitFor(
        () => emulator.state.responses.find((r) => r.id === result.responseId),
        3000,
        'the reply',
      );
      sendJson(res, 200, { reply: reply.body });
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  };
}

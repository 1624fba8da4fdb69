import { randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger';
import type { Route } from '../http/server';
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
export async function startLocalSandbox(logger: Logger): Promise<LocalSandbox> {
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const emulator = new SlackEmulator({ botToken, signingSecret });
  const apiUrl = await emulator.listen(0, '127.0.0.1');
  const log = logger.child({ component: 'sandbox-slack' });
  const channelName = (id: string) => `#${emulator.channels.find((c) => c.id === id)?.name ?? id}`;
  const echo = (verb: string) => (m: EmulatedMessage) =>
    log.info({ channel: channelName(m.channel), ts: m.ts }, `${verb}: ${m.text}`);
  emulator.on('message', echo('card posted'));
  emulator.on('update', echo('card updated'));
  return {
    emulator,
    botToken,
    signingSecret,
    apiUrl,
    routes: [
      { method: 'GET', path: '/sandbox/slack/state', handler: (req, res) => emulator.handle(req, res) },
    ],
    close: () => emulator.close(),
  };
}

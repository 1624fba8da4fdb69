import { randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger';
import type { Route } from '../http/server';
import type { Contacts } from '../runbooks/schema';
import type { EmulatedMessage } from './emulator-state';
import { IntegrationRecorder } from './integration-recorder';
import { SlackEmulator } from './slack-emulator';
import type { SandboxContext } from './sandbox-routes';
import { sandboxRoutes } from './sandbox-routes';

export interface LocalSandbox {
  emulator: SlackEmulator;
  recorder: IntegrationRecorder;
  botToken: string;
  signingSecret: string;
  apiUrl: string;
  /** Where Vigie sends pages in the sandbox: the recorder, never PagerDuty. */
  pagerdutyUrl: string;
  /** A routing key for every role that pages, so sandbox pages reach the recorder. */
  routingKeys: Record<string, string>;
  routes: Route[];
  /** Tells the page's routes about the running Vigie. */
  attach(context: SandboxContext): void;
  close(): Promise<void>;
}

/** The person clicking in the sandbox: a member of every role, so every button can be tried. */
export const SANDBOX_USER = 'U0SANDBOX1';

/**
 * `npm start` without a Slack token: an in-process Slack emulator with throwaway credentials, a page
 * over it at /sandbox, and recorders standing in for PagerDuty and SMTP. Vigie talks to all of them
 * over real HTTP exactly as it would to the real services; each message is echoed in the log too.
 */
export async function startLocalSandbox(logger: Logger, contacts: Contacts): Promise<LocalSandbox> {
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const usergroups = Object.fromEntries(
    Object.values(contacts.roles)
      .map((role) => role.slack.usergroup)
      .filter((id): id is string => id !== undefined)
      .map((id) => [id, [SANDBOX_USER]]),
  );
  const dpoUsers = Object.values(contacts.roles).flatMap((role) => role.slack.users);
  const emulator = new SlackEmulator({ botToken, signingSecret, usergroups });
  const apiUrl = await emulator.listen(0, '127.0.0.1');
  const recorder = new IntegrationRecorder();
  const pagerdutyUrl = await recorder.listen();
  const routingKeys = Object.fromEntries(
    Object.entries(contacts.roles)
      .filter(([, role]) => role.pagerduty_routing_key_env !== undefined)
      .map(([id, role]) => [role.pagerduty_routing_key_env ?? '', `sandbox-${id}`]),
  );
  const log = logger.child({ component: 'sandbox-slack' });
  const channelName = (id: string) => `#${emulator.channels.find((c) => c.id === id)?.name ?? id}`;
  const echo = (verb: string) => (m: EmulatedMessage) =>
    log.info({ channel: channelName(m.channel), ts: m.ts }, `${verb}: ${m.text}`);
  emulator.on('message', echo('posted'));
  emulator.on('update', echo('updated'));
  for (const user of dpoUsers) emulator.state.dmWith(user);
  let context: SandboxContext | undefined;
  return {
    emulator,
    recorder,
    botToken,
    signingSecret,
    apiUrl,
    pagerdutyUrl,
    routingKeys,
    routes: sandboxRoutes(emulator, recorder, SANDBOX_USER, () => context),
    attach: (ctx) => {
      context = ctx;
    },
    close: async () => {
      await emulator.close();
      await recorder.close();
    },
  };
}

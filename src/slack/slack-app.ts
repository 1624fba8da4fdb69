import { App, LogLevel } from '@slack/bolt';
import type { AuthorizeResult } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Logger } from '../observability/logger';
import type { OnceGuard } from '../store/store';
import { boltLogger } from './bolt-logger';
import * as actions from './listeners/actions';
import * as commands from './listeners/commands';
import * as events from './listeners/events';
import { eventRetryGuard } from './listeners/event-retry-guard';
import type { ListenerDeps } from './listeners/listener-deps';
import * as views from './listeners/views';
import { GateReceiver } from './request-gate/gate-receiver';
import type { SlackIdentity } from './slack-installation';
import { slackDispatcher, slackFetch } from './slack-fetch';
import { slackClientOptions } from './web-transport';

export interface SlackAppOptions {
  botToken: string;
  apiUrl: string | undefined;
  logger: Logger;
  once: OnceGuard;
  /** Who Vigie is in the workspace, learned once at start (auth.test); undefined until then. */
  identity: () => SlackIdentity | undefined;
}

/** Raised to Bolt when a request arrives before the identity is known (the gate refuses those first). */
class IdentityUnknownError extends Error {}

/**
 * Bolt behind Vigie's request gate on /slack/events (GateReceiver: the gate has verified the
 * signature, its age, the shape and the workspace, and parsed the body once).
 * Bolt is given who the bot is (learned once at start) through `authorize`: without it, Bolt calls
 * `auth.test` before every request, so every ack would wait on Slack and a 429 there would drop clicks.
 */
export function createSlackApp(options: SlackAppOptions): {
  app: App;
  client: WebClient;
  receiver: GateReceiver;
  registerListeners(deps: ListenerDeps): void;
  /** Closes the connections kept open to Slack. */
  close(): Promise<void>;
} {
  const dispatcher = slackDispatcher();
  const clientOptions = {
    ...slackClientOptions(options.apiUrl),
    fetch: slackFetch(dispatcher),
    logger: boltLogger(options.logger),
  };
  // Vigie's own calls (cards, threads, auth.test) use this client; listeners get Bolt's per-request one.
  const client = new WebClient(options.botToken, clientOptions);
  const receiver = new GateReceiver(options.logger.child({ component: 'slack-receiver' }));
  const authorize = (): Promise<AuthorizeResult> => {
    const identity = options.identity();
    if (identity === undefined)
      return Promise.reject(new IdentityUnknownError('the Slack identity is not known yet (auth.test)'));
    return Promise.resolve({
      botToken: options.botToken,
      botId: identity.botId,
      botUserId: identity.botUserId,
      teamId: identity.teamId,
      enterpriseId: identity.enterpriseId,
    });
  };
  const app = new App({
    authorize,
    receiver,
    logLevel: LogLevel.INFO,
    // Vigie keeps no per-conversation state in Bolt (incidents live in the store); Bolt's default
    // in-memory conversation store would look each click's channel up, and throw, for nothing.
    convoStore: false,
    // The Web API client logs through pino too (redaction applies), not to the console.
    clientOptions,
  });
  app.use(eventRetryGuard(options.once, options.logger));
  app.error(async (error) => {
    options.logger.error(
      { err: error.message, code: (error as { code?: string }).code },
      'slack: listener failed',
    );
    return Promise.resolve();
  });
  return {
    app,
    client,
    receiver,
    registerListeners: (deps) => {
      actions.register(app, deps);
      commands.register(app, deps);
      views.register(app, deps);
      events.register(app, deps);
    },
    close: () => dispatcher.close(),
  };
}

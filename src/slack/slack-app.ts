import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
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
import type { SlackIdentity } from './slack-installation';
import { slackClientOptions } from './web-transport';

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  apiUrl: string | undefined;
  logger: Logger;
  once: OnceGuard;
  /** Who Vigie is in the workspace, learned once at start (auth.test); undefined until then. */
  identity: () => SlackIdentity | undefined;
}

/** Raised to Bolt when a request arrives before the identity is known (the gate refuses those first). */
class IdentityUnknownError extends Error {}

/**
 * Bolt on Vigie's own HTTP server: the receiver verifies signatures and timestamps on /slack/events.
 * Bolt is given who the bot is (learned once at start) through `authorize`: without it, Bolt calls
 * `auth.test` before every request, so every ack would wait on Slack and a 429 there would drop clicks.
 */
export function createSlackApp(options: SlackAppOptions): {
  app: App;
  client: WebClient;
  receiver: HTTPReceiver;
  registerListeners(deps: ListenerDeps): void;
} {
  const clientOptions = { ...slackClientOptions(options.apiUrl), logger: boltLogger(options.logger) };
  // Vigie's own calls (cards, threads, auth.test) use this client; listeners get Bolt's per-request one.
  const client = new WebClient(options.botToken, clientOptions);
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger: boltLogger(options.logger),
    // Slack wants an answer within 3 s; listeners ack first, and anything unanswered is closed before Slack gives up.
    unhandledRequestTimeoutMillis: 2500,
    // The request gate in front (slackRequestGate) has verified the signature and its age, the shape
    // and the workspace: verifying again would parse and hash every click twice on the ack path.
    signatureVerification: false,
  });
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
  };
}

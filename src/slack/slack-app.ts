import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Logger } from '../observability/logger';
import type { OnceGuard } from '../store/store';
import { boltLogger } from './bolt-logger';
import * as actions from './listeners/actions';
import * as commands from './listeners/commands';
import * as events from './listeners/events';
import { eventRetryGuard } from './listeners/event-retry-guard';
import type { ListenerDeps } from './listeners/listener-deps';
import * as views from './listeners/views';
import { slackClientOptions } from './web-transport';

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  apiUrl: string | undefined;
  logger: Logger;
  once: OnceGuard;
}

/** Bolt on Vigie's own HTTP server: the receiver verifies signatures and timestamps on /slack/events. */
export function createSlackApp(options: SlackAppOptions): {
  app: App;
  receiver: HTTPReceiver;
  registerListeners(deps: ListenerDeps): void;
} {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger: boltLogger(options.logger),
    // Slack wants an answer within 3 s; listeners ack first, and anything unanswered is closed before Slack gives up.
    unhandledRequestTimeoutMillis: 2500,
  });
  const app = new App({
    token: options.botToken,
    receiver,
    logLevel: LogLevel.INFO,
    tokenVerificationEnabled: false,
    // The Web API client logs through pino too (redaction applies), not to the console.
    clientOptions: { ...slackClientOptions(options.apiUrl), logger: boltLogger(options.logger) },
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
    receiver,
    registerListeners: (deps) => {
      actions.register(app, deps);
      commands.register(app, deps);
      views.register(app, deps);
      events.register(app, deps);
    },
  };
}

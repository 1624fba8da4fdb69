import { readFile } from 'node:fs/promises';
import { createVigie } from './app';
import type { Config } from './config/config';
import { messages } from './i18n';
import { ConfigError, loadConfig } from './config/config';
import type { Logger } from './observability/logger';
import { createLogger, prettyDestination } from './observability/logger';
import { installProcessGuard } from './observability/process-guard';
import { loadRunbooks, RunbookValidationError } from './runbooks/loader';
import { startLocalSandbox } from './sandbox/local-sandbox';
import type { LocalSandbox } from './sandbox/local-sandbox';
import { createMemoryStore } from './store/memory/memory-store';
import { evictionRisk } from './store/redis/memory-policy';
import { createRedisStore } from './store/redis/redis-store';
import type { Store } from './store/store';

async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (config.redis === undefined) {
    logger.warn(
      'REDIS_URL is not set: using the IN-MEMORY store. Incidents are lost on restart and only one replica may run. ' +
        'Set REDIS_URL (e.g. redis://localhost:6379) for anything but local use.',
    );
    return createMemoryStore();
  }
  const store = createRedisStore(config.redis.url, config.redis.keyPrefix, {
    retentionDays: config.redis.retentionDays,
    logger: logger.child({ component: 'redis' }),
  });
  try {
    const { migrated, memory } = await store.connect();
    logger.info(
      { prefix: config.redis.keyPrefix, migrated, maxmemoryPolicy: memory?.policy ?? 'unknown' },
      'store: connected to Redis',
    );
    const risk = memory === undefined ? undefined : evictionRisk(memory);
    if (risk !== undefined) logger.warn(risk);
  } catch (error) {
    // Keep serving: /readyz says not ready and /alerts answers 503 (Alertmanager retries) until Redis is back.
    logger.error({ err: (error as Error).message }, 'store: Redis unreachable at start; will keep retrying');
  }
  return store;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vigie: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const pretty =
    config.logFormat === 'pretty' ||
    (config.logFormat === 'auto' && (process.stdout.isTTY || config.slack.mode === 'sandbox'));
  const logger = createLogger(config.logLevel, pretty ? prettyDestination() : undefined);
  let runbooks;
  try {
    runbooks = await loadRunbooks(config.runbooksDir);
  } catch (error) {
    if (error instanceof RunbookValidationError) {
      logger.fatal(
        `${error.message}\nFix the runbooks (check with: npx vigie runbooks validate ${config.runbooksDir}).`,
      );
      process.exit(1);
    }
    throw error;
  }
  let postmortemTemplate: string;
  try {
    postmortemTemplate = await readFile(config.postmortemTemplate, 'utf8');
  } catch (error) {
    logger.fatal(
      `Cannot read the post-mortem template ${config.postmortemTemplate} (${(error as Error).message}); set POSTMORTEM_TEMPLATE.`,
    );
    process.exit(1);
  }
  const store = await openStore(config, logger);
  let sandbox: LocalSandbox | undefined;
  let slack: {
    botToken: string;
    signingSecret: string;
    apiUrl: string | undefined;
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
  };
  if (config.slack.mode === 'sandbox') {
    sandbox = await startLocalSandbox(logger, runbooks.contacts);
    slack = { botToken: sandbox.botToken, signingSecret: sandbox.signingSecret, apiUrl: sandbox.apiUrl };
  } else {
    slack = {
      botToken: config.slack.botToken,
      signingSecret: config.slack.signingSecret,
      apiUrl: config.slack.apiUrl,
      teamId: config.slack.teamId,
      enterpriseId: config.slack.enterpriseId,
    };
  }
  if (config.alertmanagerToken === undefined) {
    logger.warn(
      'ALERTMANAGER_TOKEN is not set: POST /alerts accepts unauthenticated deliveries. Set it outside local use.',
    );
  }
  const vigie = createVigie({
    logger,
    store,
    runbooks,
    slack,
    alertmanagerToken: config.alertmanagerToken,
    alertsMaxBodyBytes: config.alertsMaxBodyBytes,
    defaultChannel: config.defaultChannel,
    escalationChannel: config.escalationChannel,
    ops: config.ops,
    // In the sandbox, pages and emails go to recorders shown on the page, never out.
    pagerduty:
      sandbox === undefined
        ? config.pagerduty
        : { ...config.pagerduty, eventsUrl: sandbox.pagerdutyUrl, routingKeys: sandbox.routingKeys },
    email: sandbox === undefined ? config.email : { ...config.email, capture: sandbox.recorder.captureEmail },
    escalation: config.escalation,
    postmortemTemplate,
    postmortemReminderCron: config.postmortemReminderCron,
    prometheusUrl: config.prometheusUrl,
    locale: config.locale,
    extraRoutes: sandbox?.routes ?? [],
  });
  installProcessGuard(logger, vigie.metrics);
  let url: string;
  try {
    url = await vigie.listen(config.port, config.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.fatal(
      `Port ${config.port} on ${config.host} is already in use (PORT=${config.port}): stop the other process, or set PORT to a free port.`,
    );
    process.exit(1);
  }
  sandbox?.emulator.connectTo(`${url}/slack/events`, slack.signingSecret);
  sandbox?.attach({
    selfUrl: url,
    alertmanagerToken: config.alertmanagerToken,
    incidents: store.incidents,
    registry: vigie.registry,
    messages: messages(config.locale),
  });
  logger.info(
    {
      mode: config.slack.mode,
      store: store.kind,
      runbooks: vigie.registry.all().map((r) => r.id),
      locale: config.locale,
    },
    `Vigie is listening on ${url}`,
  );
  if (sandbox !== undefined) {
    logger.info(
      [
        'LOCAL SANDBOX: no Slack token, so Vigie posts to a built-in Slack emulator (cards are echoed in this log).',
        `Open the sandbox:   ${url.replace('127.0.0.1', 'localhost')}/sandbox`,
        `Send a test alert:  curl -s -X POST ${url}/alerts -H 'content-type: application/json' --data @test/fixtures/alertmanager/api-5xx-firing-two-routes.json`,
        `See the channels:   curl -s ${url}/sandbox/slack/state`,
      ].join('\n'),
    );
  }

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void (async () => {
      await vigie.close();
      await sandbox?.close();
      await store.close();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`vigie: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import type { AddressInfo } from 'node:net';
import { AlertIngest } from './alerts/ingest';
import { createBackgroundWorkers } from './background-workers';
import { allEffects } from './durable-effects';
import type { IncidentEvent } from './incidents/types';
import { operationalRoutes } from './http/routes';
import { inboundRoutes } from './inbound-routes';
import { SloTracker } from './slo/slo-tracker';
import { PostmortemPublisher } from './postmortem/postmortem-publisher';
import { createHttpServer } from './http/server';
import type { DurableWork, IncidentRepository } from './incidents/ports';
import { systemClock } from './incidents/ports';
import type { LostSaveWriter } from './incidents/service';
import { IncidentService } from './incidents/service';
import { KeyedLock } from './incidents/keyed-lock';
import { logLifecycle } from './observability/event-log';
import { messages } from './i18n';
import { Metrics } from './observability/metrics';
import { createResponders } from './responders/create-responders';
import { failStaleRuns } from './responders/stale-runs';
import { RunbookRegistry } from './runbooks/registry';
import { startPeriodicTasks } from './periodic-tasks';
import { openCardFromDigest } from './slack/open-card-from-digest';
import { createSlackApp } from './slack/slack-app';
import { gateText } from './slack/blocks/refusal-text';
import { SlackInstallation } from './slack/slack-installation';
import { messageLink } from './slack/message-link';
import { SlackUsergroupDirectory } from './slack/usergroup-directory';
import { SlackPeopleDirectory } from './slack/people-directory';
import { WebChatTransport } from './slack/web-transport';
import { PacedChatTransport } from './slack/pacing/paced-transport';
import type { Vigie, VigieOptions } from './vigie-options';

export type { Vigie, VigieOptions } from './vigie-options';

/** The composition root for one Vigie process: store → domain → escalation → Slack → HTTP. */
export function createVigie(options: VigieOptions): Vigie {
  const { logger, store, locale } = options;
  const clock = options.clock ?? systemClock;
  const metrics = new Metrics(() => store.incidents.openCounts());
  store.reportUnreadableTo?.((what, reason) => {
    metrics.unreadableDocuments.inc();
    logger.error({ what, reason }, 'store: a stored document is unreadable and was skipped');
  });
  const registry = new RunbookRegistry(options.runbooks);
  // Vigie's own words in the policies it freezes (alerts and declarations), in the deployment's language.
  const policyWords = messages(locale).policy;

  // The workers and the budget are created below; events from saves made in this process wake them.
  const publish = (events: IncidentEvent[], work: DurableWork) => {
    metrics.recordEvents(events);
    logLifecycle(logger, events);
    background.wake(work);
    slo.changed();
  };
  // The request path (Alertmanager, Slack) and background work (cards, escalations, the budget,
  // reminders) use separate Redis connections: background reads never queue in front of a delivery.
  // Both services' writers of an incident share its turns: its deliveries and its commands (see KeyedLock).
  const turns = new KeyedLock();
  const onLostSave = (writer: LostSaveWriter) => metrics.incidentSavesLost.inc({ writer });
  const serviceOn = (repository: IncidentRepository) =>
    new IncidentService({ repository, clock, effects: allEffects, publish, turns, onLostSave });
  const service = serviceOn(store.incidents);
  const worker = store.background?.() ?? store;
  const workerService = worker === store ? service : serviceOn(worker.incidents);
  const slo = new SloTracker({
    incidents: worker.incidents,
    service: workerService,
    slo: options.runbooks.slo,
    clock,
    metrics,
    logger,
    prometheusUrl: options.prometheusUrl,
    // The cards of incidents still consuming the budget show its figure: re-render them (cosmetic).
    onShownChange: (ongoing) =>
      void worker.cardSync
        .scheduleMany(ongoing.map((member) => ({ member, dueAt: clock.now() })))
        .catch((error: unknown) =>
          logger.warn(
            { err: (error as Error).message },
            'slo: could not schedule the cards showing the budget',
          ),
        ),
  });
  const ingest = new AlertIngest(
    service,
    { registry, defaultChannel: options.defaultChannel, words: policyWords },
    metrics,
    logger.child({ component: 'alerts' }),
  );

  const slack = createSlackApp({
    ...options.slack,
    logger,
    once: store.once,
    identity: () => installation.identity,
  });
  const installation = new SlackInstallation(slack.client, options.slack, logger);
  // Every Slack write goes through one budget shared by the replicas (Slack's tiers, 429 pauses).
  const transport = new PacedChatTransport(
    new WebChatTransport(slack.client, metrics),
    worker.rateBudget,
    clock,
    logger.child({ component: 'slack-pacing' }),
  );
  const people = new SlackPeopleDirectory(slack.client, store.rateBudget, clock, logger);
  const postmortems = new PostmortemPublisher({
    template: options.postmortemTemplate,
    clock,
    locale,
    people,
    runbooks: options.runbooks,
    slo,
    cards: store.cards,
    incidents: store.incidents,
    chat: transport,
  });
  const responders = createResponders({
    service,
    incidents: store.incidents,
    registry,
    runbooks: options.runbooks,
    audit: store.audit,
    ops: options.ops,
    memberships: new SlackUsergroupDirectory(slack.client, store.rateBudget, clock, logger),
    clock,
    logger,
    metrics,
    words: policyWords,
  });
  slack.registerListeners({
    actions: responders,
    incidents: store.incidents,
    registry,
    locale,
    logger,
    slo,
    postmortems,
    openCardFromDigest: (incidentId, user) => openCardFromDigest(store, clock, incidentId, user),
  });

  const background = createBackgroundWorkers({
    store: worker,
    service: workerService,
    runbooks: options.runbooks,
    registry,
    people,
    transport,
    messageLink: (channelId, ts) => {
      const workspace = installation.identity?.workspaceUrl;
      return workspace === undefined ? undefined : messageLink(workspace, channelId, ts);
    },
    postmortems,
    slo,
    escalationChannel: options.escalationChannel,
    locale,
    clock,
    logger,
    metrics,
    pagerduty: options.pagerduty,
    email: options.email,
    prometheusUrl: options.prometheusUrl,
    escalationTiming: options.escalation,
    cardSyncTiming: options.cardSync,
  });

  let periodic: { stop(): Promise<void> } | undefined;
  let started = false;
  const server = createHttpServer(
    [
      ...inboundRoutes({
        alerts: {
          ingest,
          token: options.alertmanagerToken,
          maxBodyBytes: options.alertsMaxBodyBytes,
          metrics,
          logger,
        },
        slackGate: {
          signingSecret: options.slack.signingSecret,
          once: store.once,
          installation: () => installation.current,
          foreignWorkspaceText: gateText(locale).foreignWorkspace,
          notReadyText: gateText(locale).notReady,
          logger: logger.child({ component: 'slack-gate' }),
          metrics,
          clock,
        },
        dispatchToSlack: (request, res) => slack.receiver.dispatch(request, res),
      }),
      ...operationalRoutes(metrics, store, registry.all().length, () => started),
      ...(options.extraRoutes ?? []),
    ],
    logger,
  );

  return {
    server,
    metrics,
    service,
    cardSync: background.cardSync,
    escalation: background.escalation,
    registry,
    responders,
    slo,
    postmortems,
    listen: async (port, host = '0.0.0.0') => {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      await installation.learn();
      await background.start();
      await slo.refresh();
      periodic = startPeriodicTasks({
        slo,
        postmortems,
        incidents: worker.incidents,
        clock,
        logger,
        reminderCron: options.postmortemReminderCron ?? '0 10 * * 1-5',
        sweepStaleRuns: () =>
          failStaleRuns({ incidents: worker.incidents, service: workerService, registry, clock }),
      });
      started = true;
      const address = server.address() as AddressInfo;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    },
    close: async () => {
      installation.stop();
      slo.stop();
      await periodic?.stop();
      await background.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Last: a click answered while the server closed still had its connection to Slack.
      await slack.close();
    },
  };
}

import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertIngest } from './alerts/ingest';
import type { Locale } from './config/config';
import { alertsEndpoint } from './http/alerts-endpoint';
import { sendJson } from './http/respond';
import type { Route } from './http/server';
import { createHttpServer } from './http/server';
import type { Clock } from './incidents/ports';
import { systemClock } from './incidents/ports';
import { IncidentService } from './incidents/service';
import type { Incident, IncidentEvent } from './incidents/types';
import type { Logger } from './observability/logger';
import { Metrics } from './observability/metrics';
import type { RunbookSet } from './runbooks/loader';
import { RunbookRegistry } from './runbooks/registry';
import { renderIncidentCard, renderMinimalCard } from './slack/blocks/incident-card';
import { renderThreadReply } from './slack/blocks/card-timeline';
import { cardStrings } from './slack/blocks/i18n';
import { CardSyncWorker } from './slack/card-sync';
import { ChannelGate } from './slack/channel-gate';
import { renderEscalation } from './slack/blocks/command-replies';
import { createSlackApp } from './slack/slack-app';
import { SlackUsergroupDirectory } from './slack/usergroup-directory';
import { WebChatTransport } from './slack/web-transport';
import { OpsClient } from './integrations/ops/ops-client';
import type { OpsClientOptions } from './integrations/ops/ops-client';
import { Escalator } from './responders/escalator';
import { MitigationRunner } from './responders/mitigation-runner';
import { Permissions } from './responders/permissions';
import { ResponderActions } from './responders/responder-actions';
import type { Store } from './store/store';

export interface VigieOptions {
  logger: Logger;
  store: Store;
  runbooks: RunbookSet;
  slack: { botToken: string; signingSecret: string; apiUrl: string | undefined };
  alertmanagerToken: string | undefined;
  alertsMaxBodyBytes: number;
  defaultChannel: string;
  escalationChannel: string;
  ops: OpsClientOptions;
  locale: Locale;
  clock?: Clock;
  /** Extra routes (the sandbox mounts its Slack emulator). */
  extraRoutes?: Route[];
  cardSync?: { pollMs?: number; leaseMs?: number; channelIntervalMs?: number };
}

export interface Vigie {
  server: http.Server;
  metrics: Metrics;
  service: IncidentService;
  cardSync: CardSyncWorker;
  registry: RunbookRegistry;
  responders: ResponderActions;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** The composition root for one Vigie process: store → domain → Slack → HTTP. */
export function createVigie(options: VigieOptions): Vigie {
  const { logger, store } = options;
  const clock = options.clock ?? systemClock;
  const metrics = new Metrics();
  const registry = new RunbookRegistry(options.runbooks);

  const wakeCardSync: { current: (() => void) | undefined } = { current: undefined };
  const publish = (events: IncidentEvent[]): void => {
    metrics.recordEvents(events);
    for (const event of events) {
      if (
        event.type === 'incident_opened' ||
        event.type === 'incident_resolved' ||
        event.type === 'incident_reopened'
      ) {
        logger.info(
          {
            incident: event.incident.id,
            runbook: event.incident.policy.runbookId,
            severity: event.incident.severity,
          },
          `incident: ${event.type}`,
        );
      }
    }
    wakeCardSync.current?.();
  };
  const service = new IncidentService({ repository: store.incidents, clock, publish });
  const ingest = new AlertIngest(service, { registry, defaultChannel: options.defaultChannel }, metrics);

  const slack = createSlackApp({ ...options.slack, logger, once: store.once });
  const transport = new WebChatTransport(slack.app.client, metrics);
  const ops = new OpsClient(options.ops);
  const runner = new MitigationRunner({
    service,
    ops,
    permissions: new Permissions(
      options.runbooks.contacts,
      new SlackUsergroupDirectory(slack.app.client, logger),
      clock,
    ),
    audit: store.audit,
    clock,
    logger: logger.child({ component: 'mitigations' }),
    onOutcome: (_incident, mitigation, outcome) =>
      metrics.mitigations.inc({ mitigation, outcome: outcome.status }),
  });
  const escalator = new Escalator({
    transport,
    contacts: options.runbooks.contacts,
    channel: options.escalationChannel,
    render: (incident, runbook, mentions, user) =>
      renderEscalation(incident, runbook, mentions, user, options.locale),
  });
  const responders = new ResponderActions({
    service,
    incidents: store.incidents,
    registry,
    runner,
    escalator,
    audit: store.audit,
    clock,
    urls: options.runbooks.platform.urls,
  });
  slack.registerListeners({
    actions: responders,
    incidents: store.incidents,
    registry,
    locale: options.locale,
    logger,
  });

  const cardContext = (incident: Incident) => ({
    runbook: incident.policy.runbookId === null ? undefined : registry.get(incident.policy.runbookId),
    urls: options.runbooks.platform.urls,
    locale: options.locale,
    now: clock.now(),
  });
  const cardSync = new CardSyncWorker({
    store,
    transport,
    render: (incident) => renderIncidentCard(incident, cardContext(incident)),
    renderMinimal: (incident) => renderMinimalCard(incident, cardContext(incident)),
    renderThread: (incident, entries) => renderThreadReply(incident, entries, cardStrings(options.locale)),
    gate: new ChannelGate(options.cardSync?.channelIntervalMs ?? 1000),
    clock,
    logger: logger.child({ component: 'card-sync' }),
    ...(options.cardSync?.pollMs === undefined ? {} : { pollMs: options.cardSync.pollMs }),
    ...(options.cardSync?.leaseMs === undefined ? {} : { leaseMs: options.cardSync.leaseMs }),
  });

  wakeCardSync.current = () => cardSync.wake();

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/alerts',
      handler: alertsEndpoint({
        ingest,
        token: options.alertmanagerToken,
        maxBodyBytes: options.alertsMaxBodyBytes,
        metrics,
        logger,
      }),
    },
    {
      method: 'POST',
      path: '/slack/events',
      handler: (req, res) => slack.receiver.requestListener(req, res),
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(body);
      },
    },
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handler: async (_req, res) => {
        const storeOk = await store.ping();
        const body = {
          status: storeOk ? 'ready' : 'not ready',
          store: { kind: store.kind, reachable: storeOk },
          runbooks: registry.all().length,
        };
        sendJson(res, storeOk ? 200 : 503, body);
      },
    },
    ...(options.extraRoutes ?? []),
  ];
  const server = createHttpServer(routes, logger);

  return {
    server,
    metrics,
    service,
    cardSync,
    registry,
    responders,
    listen: async (port, host = '0.0.0.0') => {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      cardSync.start();
      const address = server.address() as AddressInfo;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    },
    close: async () => {
      await cardSync.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import type http from 'node:http';
import type { Locale } from './config/config';
import type { EmailSettings, PagerDutySettings } from './escalation/create-escalation';
import type { EscalationEngine } from './escalation/escalation-engine';
import type { Route } from './http/server';
import type { Clock } from './incidents/ports';
import type { IncidentService } from './incidents/service';
import type { OpsClientOptions } from './integrations/ops/ops-client';
import type { Logger } from './observability/logger';
import type { Metrics } from './observability/metrics';
import type { PostmortemPublisher } from './postmortem/postmortem-publisher';
import type { ResponderActions } from './responders/responder-actions';
import type { RunbookSet } from './runbooks/loader';
import type { RunbookRegistry } from './runbooks/registry';
import type { SloTracker } from './slo/slo-tracker';
import type { QueueWorker } from './store/queue-worker';
import type { Store } from './store/store';

/** What a Vigie process is made of (main.ts reads it from the configuration), and what it exposes. */
export interface VigieOptions {
  logger: Logger;
  store: Store;
  runbooks: RunbookSet;
  slack: {
    botToken: string;
    signingSecret: string;
    apiUrl: string | undefined;
    /** The installed workspace (SLACK_TEAM_ID); learned from auth.test at start when not given. */
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
  };
  alertmanagerToken: string | undefined;
  alertsMaxBodyBytes: number;
  defaultChannel: string;
  escalationChannel: string;
  ops: OpsClientOptions;
  pagerduty: PagerDutySettings;
  email: EmailSettings;
  escalation?: { leaseMs?: number; pollMs?: number };
  locale: Locale;
  /** The post-mortem template (docs/compliance/postmortem.md), as text. */
  postmortemTemplate: string;
  postmortemReminderCron?: string;
  prometheusUrl?: string | undefined;
  clock?: Clock;
  /** Extra routes (the sandbox mounts its Slack emulator). */
  extraRoutes?: Route[];
  cardSync?: { pollMs?: number; leaseMs?: number };
}

export interface Vigie {
  server: http.Server;
  metrics: Metrics;
  service: IncidentService;
  cardSync: QueueWorker;
  escalation: EscalationEngine;
  registry: RunbookRegistry;
  responders: ResponderActions;
  slo: SloTracker;
  postmortems: PostmortemPublisher;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

import type { Clock } from '../incidents/ports';
import type { Incident } from '../incidents/types';
import type { WorkOutcome } from '../store/queue-worker';
import type { IncidentService } from '../incidents/service';
import type { Email } from '../integrations/email/email-sender';
import { EmailSender } from '../integrations/email/email-sender';
import { PagerDutyClient } from '../integrations/pagerduty/pagerduty-client';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { RunbookSet } from '../runbooks/loader';
import type { Contacts } from '../runbooks/schema';
import { timelineNames } from '../runbooks/timeline-names';
import type { PeopleDirectory } from '../slack/people-directory';
import { renderEscalationMessage } from '../slack/blocks/escalation-message';
import type { Locale } from '../i18n';
import { messages } from '../i18n';
import { slackDate } from '../slack/blocks/limits';
import type { ChatTransport } from '../slack/transport';
import type { Store } from '../store/store';
import { Deliverer } from './deliverer';
import { EscalationEngine } from './escalation-engine';
import { escalationEmail } from './escalation-email';
import { Pager } from './pager';
import { OUTBOX_QUEUE } from './work-items';
import { actorName } from '../incidents/actors';
import { titleWithScope } from '../incidents/scope-labels';

export interface PagerDutySettings {
  eventsUrl: string;
  routingKeys: Record<string, string>;
  retryDelaysMs: number[];
}

export interface EmailSettings {
  smtpUrl: string | undefined;
  from: string;
  capture?: (email: Email) => void;
}

export interface EscalationSetup {
  store: Store;
  service: IncidentService;
  contacts: Contacts;
  /** The runbooks, for the titles an email's timeline shows instead of step ids. */
  runbooks: RunbookSet;
  /** People's names for emails; absent: shown by their Slack id. */
  people?: PeopleDirectory;
  transport: ChatTransport;
  /** A link to a message, built without asking Slack; undefined until the workspace is known. */
  messageLink: (channelId: string, ts: string) => string | undefined;
  escalationChannel: string;
  locale: Locale;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  pagerduty: PagerDutySettings;
  email: EmailSettings;
  timing?: { leaseMs?: number; pollMs?: number };
  postmortem: (incident: Incident) => Promise<WorkOutcome>;
}

/** Wires the escalation engine: PagerDuty, email, Slack delivery, metrics and the watchdog's message. */
export function createEscalation(setup: EscalationSetup): {
  engine: EscalationEngine;
  /** Before stopping the engine: deliveries waiting to retry stop waiting (kept for later). */
  interrupt(): void;
  /** After the engine stopped: connections to PagerDuty and the mail server are closed. */
  close(): Promise<void>;
} {
  const { metrics, locale, transport } = setup;
  const roleName = (id: string) => setup.contacts.roles[id]?.name ?? id;
  const followups = setup.runbooks.slo.post_incident.map((p) => ({ id: p.id, label: p.label }));
  // An email names people by their Slack id only when nothing better is known; Alertmanager and Vigie by name.
  const emailNames = (incident: Incident, people: Map<string, string>) =>
    timelineNames(
      incident,
      setup.runbooks.runbooks.find((r) => r.id === incident.policy.runbookId),
      roleName,
      followups,
      (actor) => people.get(actor) ?? actorName(actor),
    );
  const logger = setup.logger.child({ component: 'escalation' });
  const email = new EmailSender({ ...setup.email, retryDelaysMs: [500, 1000] });
  const pagerduty = new PagerDutyClient({
    url: setup.pagerduty.eventsUrl,
    retryDelaysMs: setup.pagerduty.retryDelaysMs,
    timeoutMs: 5000,
  });
  const deliverer = new Deliverer({
    incidents: setup.store.incidents,
    service: setup.service,
    contacts: setup.contacts,
    pager: new Pager({
      contacts: setup.contacts,
      routingKeys: setup.pagerduty.routingKeys,
      pagerduty,
      logger,
      summary: (incident, step) => {
        const m = messages(locale);
        return m.escalation.pageSummary(
          m.card.severityName[incident.severity],
          incident.id,
          titleWithScope(incident),
          step.description,
        );
      },
      cardLinkText: messages(locale).escalation.pageCardLink,
    }),
    email,
    chat: transport,
    cards: setup.store.cards,
    messageLink: setup.messageLink,
    outbox: setup.store.queue(OUTBOX_QUEUE),
    escalationChannel: setup.escalationChannel,
    postmortem: setup.postmortem,
    renderSlack: (incident, step, mentions, unpaged) =>
      renderEscalationMessage(incident, step, mentions, unpaged?.map(roleName), locale),
    people: setup.people,
    renderEmail: (incident, step, to, link, people) =>
      escalationEmail(incident, step, to, link, locale, emailNames(incident, people)),
    logger,
    onResult: (incident, step, result) => {
      const runbook = incident.policy.runbookId ?? 'unmapped';
      metrics.escalationDeliveries.inc({
        runbook,
        step: step.id,
        channel: result.channel,
        outcome: result.outcome,
      });
      if (result.channel === 'pagerduty')
        metrics.pages.inc({ provider: 'pagerduty', outcome: result.outcome });
    },
  });
  const engine = new EscalationEngine({
    store: setup.store,
    service: setup.service,
    deliverer,
    clock: setup.clock,
    logger,
    metrics,
    ...setup.timing,
    onOverdue: async (count, oldest) => {
      const when = slackDate(oldest, '{date_short_pretty} {time_secs}', new Date(oldest).toISOString());
      const text = messages(locale).watchdog.overdue(count, when);
      await transport.postMessage(
        setup.escalationChannel,
        { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
        { priority: 'urgent' },
      );
    },
  });
  return {
    engine,
    interrupt: () => pagerduty.stop(),
    close: () => {
      email.close();
      return pagerduty.close();
    },
  };
}

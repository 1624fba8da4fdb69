import type { IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { DeliveryResult, EscalationStep, FiredEscalation, Incident } from '../incidents/types';
import type { EmailSender } from '../integrations/email/email-sender';
import type { PagerDutyClient, PagerDutySeverity } from '../integrations/pagerduty/pagerduty-client';
import type { Logger } from '../observability/logger';
import type { Contacts } from '../runbooks/schema';
import type { SlackMessage } from '../slack/blocks/primitives';
import type { ChatTransport } from '../slack/transport';
import { RateLimitedError } from '../slack/transport';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRefStore, ClaimedWork } from '../store/store';
import type { Email } from '../integrations/email/email-sender';
import type { OutboxItem } from './work-items';
import { parseOutbox } from './work-items';

export interface DelivererDeps {
  incidents: IncidentRepository;
  service: IncidentService;
  contacts: Contacts;
  /** Environment variable name → PagerDuty routing key (read by the config module). */
  routingKeys: Record<string, string>;
  pagerduty: PagerDutyClient;
  email: EmailSender;
  chat: ChatTransport;
  cards: CardRefStore;
  escalationChannel: string;
  renderSlack: (
    incident: Incident,
    step: EscalationStep,
    mentions: string[],
    note: string | undefined,
  ) => SlackMessage;
  renderEmail: (
    incident: Incident,
    step: EscalationStep,
    to: string[],
    threadLink: string | undefined,
  ) => Email;
  logger: Logger;
  onResult?: (incident: Incident, step: EscalationStep, result: DeliveryResult) => void;
}

const SEVERITY: Record<Incident['severity'], PagerDutySeverity> = {
  SEV1: 'critical',
  SEV2: 'error',
  warning: 'warning',
};

export const dedupKey = (incidentId: string, stepId: string, generation: number): string =>
  `vigie:${incidentId}:${stepId}:${generation}`;

/**
 * Delivers what an escalation that fired asks for — PagerDuty, email, a message in the escalation
 * channel, direct messages — and records the results on the incident (they show in the thread). If
 * PagerDuty fails after its retries, the role is reached by email and a Slack mention instead.
 * Also mirrors acknowledgements and resolutions to PagerDuty with the same dedup keys.
 */
export class Deliverer {
  constructor(private readonly deps: DelivererDeps) {}

  async handle(work: ClaimedWork): Promise<WorkOutcome> {
    const item = parseOutbox(work.member);
    if (item === undefined) {
      this.deps.logger.error({ member: work.member }, 'escalation outbox: unreadable item dropped');
      return 'done';
    }
    const incident = await this.deps.incidents.get(item.incidentId);
    if (incident === null) return 'done';
    return item.kind === 'deliver' ? this.deliver(incident, item) : this.mirror(incident, item);
  }

  private async deliver(
    incident: Incident,
    item: Extract<OutboxItem, { kind: 'deliver' }>,
  ): Promise<WorkOutcome> {
    const fired = incident.escalations.find(
      (e) => e.stepId === item.stepId && e.generation === item.generation,
    );
    const step = incident.policy.escalation.find((s) => s.id === item.stepId);
    if (fired === undefined || step === undefined || fired.deliveries !== undefined) return 'done';
    let results: DeliveryResult[];
    if (incident.status === 'resolved') {
      results = [{ channel: 'slack', target: '-', outcome: 'skipped', detail: 'resolved before delivery' }];
    } else {
      try {
        results = await this.deliverStep(incident, step, fired);
      } catch (error) {
        // Slack said wait before anything was sent: retry the whole delivery later, nothing doubled.
        if (error instanceof RateLimitedError) return { retryInMs: error.retryAfterMs };
        throw error;
      }
    }
    for (const result of results) this.deps.onResult?.(incident, step, result);
    await this.deps.service.execute(incident.id, {
      type: 'record_delivery',
      stepId: step.id,
      generation: item.generation,
      results,
    });
    return 'done';
  }

  private async deliverStep(
    incident: Incident,
    step: EscalationStep,
    fired: FiredEscalation,
  ): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = [];
    const roles = step.notify.map((id) => ({ id, role: this.deps.contacts.roles[id] }));
    const mention = (roleIds: string[]) => roleIds.flatMap((id) => this.mentionsOf(id));
    // Slack first: a 429 here defers the whole delivery before any page or email went out.
    if (step.via.includes('slack')) {
      await this.deps.chat.postMessage(
        this.deps.escalationChannel,
        this.deps.renderSlack(incident, step, mention(step.notify), undefined),
      );
      results.push({ channel: 'slack', target: this.deps.escalationChannel, outcome: 'sent', detail: '' });
    }
    const fallbackRoles: string[] = [];
    if (step.via.includes('pagerduty')) {
      // In parallel: the whole delivery must finish well within the outbox lease.
      const paged = await Promise.all(
        roles.map(({ id, role }) => this.page(incident, step, fired, id, role?.pagerduty_routing_key_env)),
      );
      for (const result of paged) {
        results.push(result);
        if (result.outcome === 'failed') fallbackRoles.push(result.target);
      }
    }
    const threadLink = await this.threadLink(incident);
    const emailRoles = [...new Set([...(step.via.includes('email') ? step.notify : []), ...fallbackRoles])];
    const emails = emailRoles.flatMap((id) => this.deps.contacts.roles[id]?.email ?? []);
    if (emails.length > 0) {
      const sent = await this.deps.email.send(this.deps.renderEmail(incident, step, emails, threadLink));
      const outcome = sent.ok
        ? step.via.includes('email')
          ? 'sent'
          : 'fallback'
        : this.deps.email.configured
          ? 'failed'
          : 'skipped';
      results.push({
        channel: 'email',
        target: emails.join(','),
        outcome,
        detail: sent.ok ? '' : sent.detail,
      });
    }
    if (fallbackRoles.length > 0) {
      const note = `PagerDuty n'a pas pu être joint (${fallbackRoles.join(', ')}) : escalade par email et mention Slack.`;
      await this.deps.chat.postMessage(
        this.deps.escalationChannel,
        this.deps.renderSlack(incident, step, mention(fallbackRoles), note),
      );
      results.push({
        channel: 'slack',
        target: this.deps.escalationChannel,
        outcome: 'fallback',
        detail: `PagerDuty failed for ${fallbackRoles.join(', ')}`,
      });
    }
    if (step.via.includes('slack_dm')) results.push(...(await this.directMessages(incident, step)));
    return results;
  }

  private async page(
    incident: Incident,
    step: EscalationStep,
    fired: FiredEscalation,
    roleId: string,
    keyName: string | undefined,
  ): Promise<DeliveryResult> {
    const routingKey = keyName === undefined ? undefined : this.deps.routingKeys[keyName];
    if (routingKey === undefined) {
      return {
        channel: 'pagerduty',
        target: roleId,
        outcome: 'skipped',
        detail: keyName === undefined ? 'no PagerDuty service for this role' : `${keyName} is not set`,
      };
    }
    const sent = await this.deps.pagerduty.send({
      routingKey,
      action: 'trigger',
      dedupKey: dedupKey(incident.id, step.id, fired.generation),
      summary: `[${incident.severity}] ${incident.id} ${incident.policy.title} — ${step.description}`,
      severity: SEVERITY[incident.severity],
      source: 'vigie',
      links: [],
      customDetails: {
        incident: incident.id,
        runbook: incident.policy.runbookId ?? 'unmapped',
        step: step.id,
      },
    });
    const attempts = `${sent.attempts} attempt${sent.attempts > 1 ? 's' : ''}`;
    return {
      channel: 'pagerduty',
      target: roleId,
      outcome: sent.ok ? 'sent' : 'failed',
      detail: `${sent.detail} (${attempts})`,
    };
  }

  private async directMessages(incident: Incident, step: EscalationStep): Promise<DeliveryResult[]> {
    const users = step.notify.flatMap((id) => this.deps.contacts.roles[id]?.slack.users ?? []);
    const results: DeliveryResult[] = [];
    for (const user of users) {
      try {
        await this.deps.chat.postMessage(user, this.deps.renderSlack(incident, step, [], undefined));
        results.push({ channel: 'slack_dm', target: user, outcome: 'sent', detail: '' });
      } catch (error) {
        results.push({
          channel: 'slack_dm',
          target: user,
          outcome: 'failed',
          detail: (error as Error).message,
        });
      }
    }
    return results;
  }

  private async mirror(
    incident: Incident,
    item: Extract<OutboxItem, { kind: 'pagerduty' }>,
  ): Promise<WorkOutcome> {
    const paged = incident.escalations.filter(
      (e) =>
        e.generation === item.generation &&
        incident.policy.escalation.find((s) => s.id === e.stepId)?.via.includes('pagerduty'),
    );
    // A trigger still on its way must reach PagerDuty before its acknowledge or resolve.
    if (paged.some((e) => e.deliveries === undefined)) return { retryInMs: 1000 };
    for (const fired of paged) {
      for (const result of fired.deliveries ?? []) {
        if (result.channel !== 'pagerduty' || result.outcome !== 'sent') continue;
        const keyName = this.deps.contacts.roles[result.target]?.pagerduty_routing_key_env;
        const routingKey = keyName === undefined ? undefined : this.deps.routingKeys[keyName];
        if (routingKey === undefined) continue;
        const sent = await this.deps.pagerduty.send({
          routingKey,
          action: item.action,
          dedupKey: dedupKey(incident.id, fired.stepId, fired.generation),
          summary: '',
          severity: 'info',
          source: 'vigie',
          links: [],
          customDetails: {},
        });
        if (!sent.ok)
          this.deps.logger.warn(
            { incident: incident.id, step: fired.stepId, action: item.action, detail: sent.detail },
            'pagerduty: mirror failed',
          );
      }
    }
    return 'done';
  }

  private mentionsOf(roleId: string): string[] {
    const role = this.deps.contacts.roles[roleId];
    if (role === undefined) return [];
    if (role.slack.usergroup !== undefined) return [`<!subteam^${role.slack.usergroup}>`];
    return role.slack.users.map((u) => `<@${u}>`);
  }

  private async threadLink(incident: Incident): Promise<string | undefined> {
    const ref = (await this.deps.cards.list(incident.id))[0];
    return ref === undefined ? undefined : this.deps.chat.permalink(ref.channelId, ref.ts);
  }
}

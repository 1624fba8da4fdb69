import type { IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { DeliveryResult, EscalationStep, FiredEscalation, Incident } from '../incidents/types';
import type { Email, EmailSender } from '../integrations/email/email-sender';
import type { Logger } from '../observability/logger';
import type { Contacts } from '../runbooks/schema';
import type { SlackMessage } from '../slack/blocks/primitives';
import type { ChatTransport } from '../slack/transport';
import { RateLimitedError } from '../slack/transport';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRefStore, ClaimedWork } from '../store/store';
import type { Pager } from './pager';
import type { OutboxItem } from './work-items';
import { parseOutbox } from './work-items';

export interface DelivererDeps {
  incidents: IncidentRepository;
  service: IncidentService;
  contacts: Contacts;
  pager: Pager;
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
  /** Publishes a resolved incident's post-mortem draft (an outbox item like the deliveries). */
  postmortem: (incident: Incident) => Promise<WorkOutcome>;
}

/**
 * Works the escalation outbox: delivers what a fired step asks for — a message in the escalation
 * channel, PagerDuty, email, direct messages — and records the results on the incident (they show in
 * the thread). If PagerDuty fails after its retries, the role is reached by email and a Slack mention
 * instead. Acknowledgements and resolutions are mirrored to PagerDuty.
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
    switch (item.kind) {
      case 'deliver':
        return this.deliver(incident, item);
      case 'pagerduty':
        return this.deps.pager.mirror(incident, item.action, item.generation);
      case 'postmortem':
        return this.deps.postmortem(incident);
    }
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
        step.notify.map((roleId) => this.deps.pager.page(incident, step, fired.generation, roleId)),
      );
      results.push(...paged);
      fallbackRoles.push(...paged.filter((r) => r.outcome === 'failed').map((r) => r.target));
    }
    const emailRoles = [...new Set([...(step.via.includes('email') ? step.notify : []), ...fallbackRoles])];
    const emails = emailRoles.flatMap((id) => this.deps.contacts.roles[id]?.email ?? []);
    if (emails.length > 0) {
      const sent = await this.deps.email.send(
        this.deps.renderEmail(incident, step, emails, await this.threadLink(incident)),
      );
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

import { stepTargets } from '../incidents/escalation-plan';
import type { IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { DeliveryResult, EscalationStep, Incident } from '../incidents/types';
import type { Logger } from '../observability/logger';
import { RateLimitedError } from '../slack/transport';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRefStore, ClaimedWork, WorkQueue } from '../store/store';
import { deliveryItems, unreachedRoles } from './delivery-plan';
import { DeliveryRecorder } from './delivery-recorder';
import type { EmailSendDeps } from './email-send';
import { sendEscalationEmail } from './email-send';
import type { Pager } from './pager';
import type { SlackSendDeps } from './slack-sends';
import { postToEscalationChannel, sendDirectMessages } from './slack-sends';
import type { OutboxItem, SendItem } from './work-items';
import { deliveryKey, outboxMember, parseOutbox } from './work-items';

export interface DelivererDeps extends SlackSendDeps, EmailSendDeps {
  incidents: IncidentRepository;
  service: IncidentService;
  pager: Pager;
  cards: CardRefStore;
  /** A link to a message, built without asking Slack (paging never waits on it); undefined if unknown. */
  messageLink: (channelId: string, ts: string) => string | undefined;
  /** The outbox itself: an item from an older version is expanded into per-target items there. */
  outbox: WorkQueue;
  logger: Logger;
  onResult?: (incident: Incident, step: EscalationStep, result: DeliveryResult) => void;
  /** Publishes a resolved incident's post-mortem draft (an outbox item like the deliveries). */
  postmortem: (incident: Incident) => Promise<WorkOutcome>;
}

/**
 * Works the escalation outbox. Each delivery of a fired step is its own item — one PagerDuty trigger
 * per role, one email, one escalation-channel message, direct messages, and, when PagerDuty could not
 * reach some roles, one fallback email and one fallback mention — sent, retried and recorded on its
 * own (its result lands on the incident and in the thread), so a failure or a rate limit of one never
 * delays or re-sends another: paging never waits for Slack. Acknowledgements and resolutions are
 * mirrored to PagerDuty.
 */
export class Deliverer {
  /**
   * Results known but not yet recorded (the store failed right after the send): the next attempt
   * records them instead of sending again.
   */
  private readonly unrecorded = new Map<string, DeliveryResult>();
  private readonly recorder: DeliveryRecorder;

  constructor(private readonly deps: DelivererDeps) {
    this.recorder = new DeliveryRecorder(deps.service);
  }

  async handle(work: ClaimedWork): Promise<WorkOutcome> {
    const item = parseOutbox(work.member);
    if (item === undefined) {
      this.deps.logger.error({ member: work.member }, 'escalation outbox: unreadable item dropped');
      return 'done';
    }
    const wait = await this.slackWait(item, work.member);
    if (wait > 0) return { retryInMs: wait };
    const incident = await this.deps.incidents.get(item.incidentId);
    if (incident === null) return 'done';
    switch (item.kind) {
      case 'send':
        return this.send(incident, item, work.member);
      case 'deliver':
        return this.expand(incident, item);
      case 'pagerduty':
        return this.deps.pager.mirror(incident, item.action, item.generation);
      case 'postmortem':
        return this.deps.postmortem(incident);
    }
  }

  /**
   * How long a message to the escalation channel would wait for Slack's budget now: such an item waits
   * without reading nor rendering its incident (in a mass escalation, a thousand of them wait on a
   * channel Slack takes once a second, while the pages go at once). A result already known is recorded
   * whatever the budget.
   */
  private async slackWait(item: OutboxItem, member: string): Promise<number> {
    if (item.kind !== 'send' || (item.route !== 'slack' && item.route !== 'fallback_slack')) return 0;
    if (this.unrecorded.has(member)) return 0;
    return (await this.deps.chat.wouldWait?.('chat.postMessage', this.deps.escalationChannel, 'urgent')) ?? 0;
  }

  /** An item queued by an older version for a whole step: becomes one item per target. */
  private async expand(
    incident: Incident,
    item: Extract<OutboxItem, { kind: 'deliver' }>,
  ): Promise<WorkOutcome> {
    const step = incident.policy.escalation.find((s) => s.id === item.stepId);
    if (step === undefined) return 'done';
    const phase = { ...incident, generation: item.generation };
    for (const send of deliveryItems(phase, step)) await this.deps.outbox.schedule(outboxMember(send), 0);
    return 'done';
  }

  private async send(incident: Incident, item: SendItem, member: string): Promise<WorkOutcome> {
    const step = incident.policy.escalation.find((s) => s.id === item.stepId);
    const fired = incident.escalations.find(
      (e) => e.stepId === item.stepId && e.generation === item.generation,
    );
    if (step === undefined || fired === undefined) return 'done';
    const key = deliveryKey(item);
    if ((fired.deliveries ?? []).some((r) => r.item === key)) {
      this.unrecorded.delete(member);
      return 'done';
    }
    let result = this.unrecorded.get(member);
    if (result === undefined) {
      try {
        result = { ...(await this.deliver(incident, step, item)), item: key };
      } catch (error) {
        // Slack's budget or a 429: this item alone waits; nothing was sent.
        if (error instanceof RateLimitedError) return { retryInMs: error.retryAfterMs };
        throw error;
      }
      this.unrecorded.set(member, result);
      this.deps.onResult?.(incident, step, result);
    }
    await this.recorder.record(incident.id, step.id, item.generation, result);
    this.unrecorded.delete(member);
    return 'done';
  }

  /** Sends one item; throws only what a retry can fix (Slack unavailable, rate limited). */
  private async deliver(incident: Incident, step: EscalationStep, item: SendItem): Promise<DeliveryResult> {
    const fallback = item.route === 'fallback_email' || item.route === 'fallback_slack';
    if (incident.status === 'resolved' && !fallback)
      return {
        channel: channelOf(item),
        target: item.target,
        outcome: 'skipped',
        reason: 'resolved_before_delivery',
        detail: '',
      };
    switch (item.route) {
      case 'pagerduty':
        return this.deps.pager.page(
          incident,
          step,
          item.generation,
          item.target,
          await this.cardLink(incident),
        );
      case 'email':
        return this.email(incident, step, stepTargets(step, 'email'), 'sent');
      case 'slack':
        return postToEscalationChannel(
          this.deps,
          incident,
          step,
          stepTargets(step, 'slack'),
          undefined,
          'sent',
        );
      case 'slack_dm':
        return sendDirectMessages(this.deps, incident, step, item.target);
      case 'fallback_email': {
        // Roles the step emails anyway are not emailed twice.
        const emailed = new Set(stepTargets(step, 'email'));
        const roles = this.unreached(incident, step, item).filter((r) => !emailed.has(r));
        return this.email(incident, step, roles, 'fallback');
      }
      case 'fallback_slack': {
        const roles = this.unreached(incident, step, item);
        return postToEscalationChannel(this.deps, incident, step, roles, roles, 'fallback');
      }
    }
  }

  private unreached(incident: Incident, step: EscalationStep, item: SendItem): string[] {
    return unreachedRoles(incident, step, item.generation) ?? [];
  }

  private email(
    incident: Incident,
    step: EscalationStep,
    roles: string[],
    outcome: 'sent' | 'fallback',
  ): Promise<DeliveryResult> {
    return sendEscalationEmail(this.deps, incident, step, roles, outcome, () => this.cardLink(incident));
  }

  /** The incident's card (its thread's first message), once posted: a store read, no call to Slack. */
  private async cardLink(incident: Incident): Promise<string | undefined> {
    const ref = (await this.deps.cards.list(incident.id)).find((r) => r.ts !== '');
    return ref === undefined ? undefined : this.deps.messageLink(ref.channelId, ref.ts);
  }
}

function channelOf(item: SendItem): DeliveryResult['channel'] {
  if (item.route === 'fallback_email') return 'email';
  if (item.route === 'fallback_slack') return 'slack';
  return item.route;
}

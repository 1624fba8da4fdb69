import { stepTargets } from '../incidents/escalation-plan';
import { labelsText, scopeLabels } from '../incidents/scope-labels';
import type { DeliveryResult, EscalationStep, FiredEscalation, Incident } from '../incidents/types';
import type { PagerDutyClient, PagerDutySeverity } from '../integrations/pagerduty/pagerduty-client';
import type { Logger } from '../observability/logger';
import type { Contacts } from '../runbooks/schema';
import type { WorkOutcome } from '../store/queue-worker';

const SEVERITY: Record<Incident['severity'], PagerDutySeverity> = {
  SEV1: 'critical',
  SEV2: 'error',
  warning: 'warning',
};

/**
 * Where the page says the trouble is (PagerDuty's `source`: "the unique location of the affected
 * system"): the incident's scope labels (« service=checkout, env=prod »), else its runbook. Every page
 * of a storm came from Vigie; the responder looking at PagerDuty needs which system.
 */
export function pageSource(incident: Pick<Incident, 'groupLabels' | 'policy'>): string {
  return labelsText(incident) || (incident.policy.runbookId ?? 'vigie');
}

/** One key per incident, step and phase: PagerDuty folds a retry or a redelivery into the same page. */
export const dedupKey = (incidentId: string, stepId: string, generation: number): string =>
  `vigie:${incidentId}:${stepId}:${generation}`;

export interface PagerDeps {
  contacts: Contacts;
  /** Environment variable name → PagerDuty routing key (read by the config module). */
  routingKeys: Record<string, string>;
  pagerduty: PagerDutyClient;
  logger: Logger;
  /** The page's summary, in the deployment's language. */
  summary: (incident: Incident, step: EscalationStep) => string;
  /** The text of the page's link to the incident's card, in the deployment's language. */
  cardLinkText: string;
}

/** Pages roles through PagerDuty, and mirrors acknowledgements and resolutions with the same keys. */
export class Pager {
  constructor(private readonly deps: PagerDeps) {}

  private routingKey(roleId: string): { keyName: string | undefined; routingKey: string | undefined } {
    const keyName = this.deps.contacts.roles[roleId]?.pagerduty_routing_key_env;
    return { keyName, routingKey: keyName === undefined ? undefined : this.deps.routingKeys[keyName] };
  }

  async page(
    incident: Incident,
    step: EscalationStep,
    generation: number,
    roleId: string,
    /** The incident's card in Slack, when it is posted: one tap from the page to the card. */
    cardLink?: string,
  ): Promise<DeliveryResult> {
    const { keyName, routingKey } = this.routingKey(roleId);
    if (routingKey === undefined)
      return keyName === undefined
        ? {
            channel: 'pagerduty',
            target: roleId,
            outcome: 'skipped',
            reason: 'no_pagerduty_service',
            detail: '',
          }
        : {
            channel: 'pagerduty',
            target: roleId,
            outcome: 'skipped',
            reason: 'routing_key_unset',
            detail: keyName,
          };
    const sent = await this.deps.pagerduty.send({
      routingKey,
      action: 'trigger',
      dedupKey: dedupKey(incident.id, step.id, generation),
      summary: this.deps.summary(incident, step),
      severity: SEVERITY[incident.severity],
      source: pageSource(incident),
      // PagerDuty's "class/type of the event": the runbook, so its pages can be grouped by it.
      ...(incident.policy.runbookId === null ? {} : { eventClass: incident.policy.runbookId }),
      links: cardLink === undefined ? [] : [{ href: cardLink, text: this.deps.cardLinkText }],
      customDetails: {
        incident: incident.id,
        runbook: incident.policy.runbookId ?? 'unmapped',
        step: step.id,
        ...Object.fromEntries(scopeLabels(incident).map(([name, value]) => [`label:${name}`, value])),
      },
    });
    return {
      channel: 'pagerduty',
      target: roleId,
      outcome: sent.ok ? 'sent' : 'failed',
      ...(sent.ok
        ? {}
        : { reason: sent.status === undefined ? 'pagerduty_unreachable' : 'pagerduty_failed' }),
      ...(sent.attempts > 1 ? { attempts: sent.attempts } : {}),
      detail: sent.ok ? '' : sent.detail,
    };
  }

  /** Sends `acknowledge` or `resolve` for every page of the phase that went through. */
  async mirror(
    incident: Incident,
    action: 'acknowledge' | 'resolve',
    generation: number,
  ): Promise<WorkOutcome> {
    const paged = incident.escalations.flatMap((fired) => {
      const step = incident.policy.escalation.find((s) => s.id === fired.stepId);
      const roles = step === undefined ? [] : stepTargets(step, 'pagerduty');
      return fired.generation === generation && roles.length > 0 ? [{ fired, roles }] : [];
    });
    // A trigger still on its way must reach PagerDuty before its acknowledge or resolve.
    const ended = (fired: FiredEscalation, role: string) =>
      (fired.deliveries ?? []).some((r) => r.channel === 'pagerduty' && r.target === role);
    if (paged.some(({ fired, roles }) => roles.some((role) => !ended(fired, role))))
      return { retryInMs: 1000 };
    for (const { fired } of paged) {
      for (const result of fired.deliveries ?? []) {
        if (result.channel !== 'pagerduty' || result.outcome !== 'sent') continue;
        const { routingKey } = this.routingKey(result.target);
        if (routingKey === undefined) continue;
        const key = dedupKey(incident.id, fired.stepId, fired.generation);
        const sent = await this.deps.pagerduty.send({ routingKey, action, dedupKey: key });
        if (!sent.ok)
          this.deps.logger.warn(
            { incident: incident.id, step: fired.stepId, action, detail: sent.detail },
            'pagerduty: mirror failed',
          );
      }
    }
    return 'done';
  }
}

import type { KnownBlock } from '@slack/types';
import { actorName } from '../../incidents/actors';
import type { AlertRecord } from '../../incidents/types';
import type { Runbook } from '../../runbooks/schema';
import type { SliProblem } from '../../slo/prometheus-sli';
import type { BudgetView } from './card-slo';
import type { Locale } from '../../i18n';
import { escapeMrkdwn, LIMITS, slackDate, truncate } from './limits';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface CardContext {
  /** The runbook the incident follows; undefined for an unmapped alert. */
  runbook: Runbook | undefined;
  urls: Record<string, string>;
  /** The incident's first alerts in card order (at most ALERTS_ON_CARD): the card never reads them all. */
  alerts: AlertRecord[];
  /** Role id → name, from contacts.yml. */
  roleNames: Record<string, string>;
  /** The month's availability budget for incidents that consume it; null for the others; undefined if unknown. */
  budget: BudgetView | undefined | null;
  /** Why the budget is unavailable (Prometheus down, bad SLI query…), when it is. */
  budgetUnavailableReason?: SliProblem | undefined;
  /** The SLO file's post-incident duties, shown when a post-mortem is owed. */
  followups: Array<{ id: string; label: string }>;
  locale: Locale;
  now: number;
}

export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});

export const context = (texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts
    .slice(0, LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) })),
});

/** A Slack user id becomes a mention; "alertmanager", "vigie" their product names (see actorName). */
export function person(actor: string): string {
  return /^[UW][A-Z0-9]+$/.test(actor) ? `<@${actor}>` : escapeMrkdwn(actorName(actor));
}

export const clockTime = (ms: number): string => slackDate(ms, '{time_secs}', new Date(ms).toISOString());

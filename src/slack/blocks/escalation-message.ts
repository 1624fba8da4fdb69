import type { EscalationStep, Incident } from '../../incidents/types';
import type { Locale } from '../../i18n';
import { messages } from '../../i18n';
import { escapeMrkdwn, LIMITS, truncate } from './limits';
import type { SlackMessage } from './primitives';
import { section } from './primitives';
import { labelCode } from './telling-apart';
import { scopeLabels, shortSummary } from '../../incidents/scope-labels';

/**
 * The escalation channel's message: who is called, why, and where the incident lives; for
 * PagerDuty's fallback, the roles it could not reach (`unpaged`, by their names).
 */
export function renderEscalationMessage(
  incident: Incident,
  step: EscalationStep,
  mentions: string[],
  unpaged: string[] | undefined,
  locale: Locale,
): SlackMessage {
  const all = messages(locale);
  const m = all.escalation;
  const who = mentions.length === 0 ? '' : ` ${mentions.join(' ')}`;
  const severity = all.card.severityName[incident.severity];
  // Which service (its group labels, or a declared incident's summary): in a storm every escalation of
  // one runbook has the same title.
  const labels = scopeLabels(incident).map(labelCode);
  const summary = shortSummary(incident);
  const scope = labels.length > 0 ? labels : summary === '' ? [] : [`(${escapeMrkdwn(summary)})`];
  const title = [escapeMrkdwn(incident.policy.title), ...scope].join(' ');
  const head = m.channelMessage(incident.id, severity, title, who);
  const note = unpaged === undefined ? '' : `\n${m.unpaged(escapeMrkdwn(unpaged.join(', ')))}`;
  const text = `${head}\n_${escapeMrkdwn(step.description)}_${note}`;
  return { text: truncate(text, LIMITS.fallbackText), blocks: [section(text)] };
}

import type { EscalationStep, Incident } from '../../incidents/types';
import type { Locale } from './i18n';
import { escapeMrkdwn, LIMITS, truncate } from './limits';
import type { SlackMessage } from './primitives';
import { section } from './primitives';

/** The escalation channel's message: who is called, why, and where the incident lives. */
export function renderEscalationMessage(
  incident: Incident,
  step: EscalationStep,
  mentions: string[],
  note: string | undefined,
  locale: Locale,
): SlackMessage {
  const who = mentions.length === 0 ? '' : ` ${mentions.join(' ')}`;
  const head =
    locale === 'fr'
      ? `🚨 Escalade \`${incident.id}\` (${incident.severity}) — ${escapeMrkdwn(incident.policy.title)}${who}`
      : `🚨 Escalation \`${incident.id}\` (${incident.severity}) — ${escapeMrkdwn(incident.policy.title)}${who}`;
  const text = `${head}\n_${escapeMrkdwn(step.description)}_${note === undefined ? '' : `\n${escapeMrkdwn(note)}`}`;
  return { text: truncate(text, LIMITS.fallbackText), blocks: [section(text)] };
}

import type { Incident } from '../../incidents/types';
import type { Locale } from './i18n';
import { cardStrings } from './i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate } from './limits';
import type { SlackMessage } from './incident-card';

export function renderHelp(locale: Locale): SlackMessage {
  const text =
    locale === 'en'
      ? '*Vigie — /incident*\n• `/incident list` — open incidents\n• `/incident help` — this help'
      : '*Vigie — /incident*\n• `/incident liste` (`list`) — incidents ouverts\n• `/incident aide` (`help`) — cette aide';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function renderIncidentList(incidents: Incident[], locale: Locale): SlackMessage {
  const s = cardStrings(locale);
  if (incidents.length === 0) {
    const text = locale === 'en' ? 'No open incident.' : 'Aucun incident ouvert.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const lines = incidents.map(
    (i) =>
      `${s.severity[i.severity]} \`${i.id}\` ${escapeMrkdwn(i.policy.title)} — ${s.status[i.status]} · ${slackDate(i.openedAt, '{ago}', new Date(i.openedAt).toISOString())} · ${i.policy.channels.join(', ')}`,
  );
  const heading =
    locale === 'en'
      ? `*${incidents.length} open incident(s)*`
      : `*${incidents.length} incident(s) ouvert(s)*`;
  const text = `${heading}\n${fitLines(lines, LIMITS.sectionText - heading.length - 1, s.more)}`;
  return { text: heading, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

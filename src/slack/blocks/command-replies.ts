import { incidentStart } from '../../incidents/alert-tally';
import { byAttention } from '../../incidents/attention-order';
import { scopeLabels } from '../../incidents/scope-labels';
import type { Incident } from '../../incidents/types';
import type { Runbook } from '../../runbooks/schema';
import { escalationLines } from './card-escalation';
import { runLine } from './card-runbook';
import type { Locale } from '../../i18n';
import { cardStrings, messages } from '../../i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate, truncate } from './limits';
import type { SlackMessage } from './primitives';
import { person, section } from './primitives';
import type { LabelPair } from './telling-apart';
import { apartMrkdwn, labelsTellingApart } from './telling-apart';

const message = (text: string): SlackMessage => ({
  text: text.slice(0, LIMITS.fallbackText),
  blocks: [section(text)],
});

export function renderHelp(
  locale: Locale,
  /** Said before the help: a word that is no subcommand, or a subcommand missing its text. */
  why?: { unknown: string } | { missingText: 'note' },
): SlackMessage {
  const m = messages(locale).commands;
  const said =
    why === undefined
      ? []
      : 'unknown' in why
        ? [m.unknownSubcommand(escapeMrkdwn(why.unknown).replace(/`/g, 'ˋ'))]
        : [m.noteWithoutText];
  return message([...said, ...m.help].join('\n'));
}

/** One incident in a reply; `apart`: the labels telling it from others of its runbook in the same reply. */
function incidentLine(i: Incident, locale: Locale, apart: readonly LabelPair[] = []): string {
  const s = cardStrings(locale);
  const since = slackDate(incidentStart(i), '{ago}', new Date(incidentStart(i)).toISOString());
  const what = apartMrkdwn(i, apart);
  const labels = what === '' ? '' : ` ${what}`;
  return `${s.severity[i.severity]} \`${i.id}\` ${escapeMrkdwn(i.policy.title)}${labels} — ${s.status[i.status]} · ${since} · ${i.policy.channels.join(', ')}`;
}

/**
 * Open incidents, or those matching `query` (the words a responder typed after `liste`), the most
 * severe and untaken first (byAttention); `among`: all the open incidents the found ones are told
 * apart from (the same list when nothing was filtered).
 */
export function renderIncidentList(
  incidents: Incident[],
  locale: Locale,
  { query, among }: { query: string; among: Incident[] } = { query: '', among: incidents },
): SlackMessage {
  const m = messages(locale).commands;
  const quoted = escapeMrkdwn(truncate(query, 100));
  if (incidents.length === 0) return message(query === '' ? m.noIncident : m.noMatch(quoted));
  const count = incidents.length;
  const heading = `*${query === '' ? cardStrings(locale).openIncidents(count) : m.openMatching(count, quoted)}*`;
  const apart = labelsTellingApart(among);
  const lines = [...incidents].sort(byAttention).map((i) => incidentLine(i, locale, apart.get(i.id)));
  return message(`${heading}\n${fitLines(lines, LIMITS.sectionText - heading.length - 1, m.listMore)}`);
}

/** `/incident statut`: the incident's line, who took it, what comes next (escalation), triage, runs. */
export function renderStatus(
  incident: Incident,
  runbook: Runbook | undefined,
  locale: Locale,
  { roleNames, now }: { roleNames: Record<string, string>; now: number },
): SlackMessage {
  const s = cardStrings(locale);
  // Alone, it is named by its whole scope (service, env…): « which one is INC-38? ».
  const lines = [incidentLine(incident, locale, scopeLabels(incident))];
  if (incident.acknowledgedBy !== undefined) lines.push(s.acknowledgedBy(person(incident.acknowledgedBy)));
  lines.push(...escalationLines(incident, { locale, roleNames, now }));
  if (runbook !== undefined) {
    const ticked = runbook.triage.filter((t) => incident.triage[t.id] !== undefined).length;
    lines.push(messages(locale).commands.triageProgress(ticked, runbook.triage.length));
    for (const m of runbook.mitigations) {
      const last = incident.mitigations[m.id]?.at(-1);
      if (last !== undefined) lines.push(`• ${escapeMrkdwn(m.label)} : ${runLine(last, s)}`);
    }
  }
  return message(fitLines(lines, LIMITS.sectionText, s.more));
}

/** Incidents a « lequel ? » names (in a storm a channel has hundreds open: the rest are counted). */
const WHICH_NAMED = 10;

export function renderWhichIncident(
  candidates: Incident[],
  subcommand: string,
  locale: Locale,
): SlackMessage {
  const m = messages(locale).commands;
  // The subcommand may carry what the person typed (`mitiger <action>`): text in a code span.
  const typed = escapeMrkdwn(subcommand).replace(/`/g, 'ˋ');
  if (candidates.length === 0) return message(m.noIncidentHere(`\`/incident ${typed} INC-12\``));
  const ordered = [...candidates].sort(byAttention);
  const named = ordered.slice(0, WHICH_NAMED).map((i) => `\`${i.id}\``);
  const hidden = candidates.length - WHICH_NAMED;
  const ids = [...named, ...(hidden > 0 ? [m.otherIds(hidden)] : [])].join(', ');
  return message(m.whichIncident(ids, `\`/incident ${typed} ${ordered[0]?.id ?? 'INC-1'}\``));
}

export function renderDone(text: string): SlackMessage {
  return message(text);
}

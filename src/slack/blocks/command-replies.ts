import type { Incident } from '../../incidents/types';
import type { Runbook } from '../../runbooks/schema';
import { runLine } from './card-runbook';
import type { Locale } from './i18n';
import { cardStrings } from './i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate } from './limits';
import type { SlackMessage } from './primitives';
import { person, section } from './primitives';

const message = (text: string): SlackMessage => ({
  text: text.slice(0, LIMITS.fallbackText),
  blocks: [section(text)],
});

export function renderHelp(locale: Locale, unknown?: string): SlackMessage {
  const said =
    unknown === undefined
      ? []
      : [
          locale === 'en'
            ? `Unknown subcommand \`${escapeMrkdwn(unknown)}\`. Here is what \`/incident\` does:`
            : `Sous-commande inconnue : \`${escapeMrkdwn(unknown)}\`. Voici ce que fait \`/incident\` :`,
        ];
  const lines =
    locale === 'en'
      ? [
          '*Vigie — /incident* (without an id: the channel’s only open incident)',
          '• `list` — open incidents',
          '• `slo` — this month’s error budget, RTO/RPO of open incidents',
          '• `status [id]` — where an incident stands',
          '• `ack [id]` — take the incident',
          '• `rollback [id]` · `mitigate <action> [id]` — run a mitigation (asks for confirmation)',
          '• `note [id] <text>` — add a note to the timeline (the id before or after the text)',
          '• `resolve [id]` — resolve (cause, summary, customer impact)',
          '• `escalate [id]` — escalate now',
          '• `postmortem [id]` — post-mortem draft',
          '• `declare <runbook> [summary]` — declare an incident (no argument: a form)',
        ]
      : [
          '*Vigie — /incident* (sans id : le seul incident ouvert du canal)',
          '• `liste` (`list`) — incidents ouverts',
          '• `slo` — budget d’erreur du mois, RTO/RPO des incidents ouverts',
          '• `statut [id]` (`status`) — où en est un incident',
          '• `prendre [id]` (`ack`) — prendre en charge',
          '• `rollback [id]` · `mitiger <action> [id]` (`mitigate`) — lancer une mitigation (avec confirmation)',
          '• `note [id] <texte>` — ajouter une note à la chronologie (l’id avant ou après le texte)',
          '• `resoudre [id]` (`resolve`) — résoudre (cause, résumé, impact client)',
          '• `escalader [id]` (`escalate`) — escalader maintenant',
          '• `postmortem [id]` — brouillon du post-mortem',
          '• `declarer <runbook> [résumé]` (`declare`) — déclarer un incident (sans argument : un formulaire)',
        ];
  return message([...said, ...lines].join('\n'));
}

function incidentLine(i: Incident, locale: Locale): string {
  const s = cardStrings(locale);
  const since = slackDate(i.openedAt, '{ago}', new Date(i.openedAt).toISOString());
  return `${s.severity[i.severity]} \`${i.id}\` ${escapeMrkdwn(i.policy.title)} — ${s.status[i.status]} · ${since} · ${i.policy.channels.join(', ')}`;
}

export function renderIncidentList(incidents: Incident[], locale: Locale): SlackMessage {
  if (incidents.length === 0)
    return message(locale === 'en' ? 'No open incident.' : 'Aucun incident ouvert.');
  const heading = `*${cardStrings(locale).openIncidents(incidents.length)}*`;
  const lines = incidents.map((i) => incidentLine(i, locale));
  return message(
    `${heading}\n${fitLines(lines, LIMITS.sectionText - heading.length - 1, cardStrings(locale).more)}`,
  );
}

export function renderStatus(incident: Incident, runbook: Runbook | undefined, locale: Locale): SlackMessage {
  const s = cardStrings(locale);
  const lines = [incidentLine(incident, locale)];
  if (incident.acknowledgedBy !== undefined) lines.push(s.acknowledgedBy(person(incident.acknowledgedBy)));
  if (runbook !== undefined) {
    const ticked = runbook.triage.filter((t) => incident.triage[t.id] !== undefined).length;
    lines.push(`${s.triage} : ${ticked}/${runbook.triage.length}`);
    for (const m of runbook.mitigations) {
      const last = incident.mitigations[m.id]?.at(-1);
      if (last !== undefined) lines.push(`• ${escapeMrkdwn(m.label)} : ${runLine(last, s)}`);
    }
  }
  return message(fitLines(lines, LIMITS.sectionText, s.more));
}

export function renderWhichIncident(
  candidates: Incident[],
  subcommand: string,
  locale: Locale,
): SlackMessage {
  if (candidates.length === 0) {
    return message(
      locale === 'en'
        ? `No open incident in this channel: give its id, e.g. \`/incident ${subcommand} INC-12\`.`
        : `Aucun incident ouvert dans ce canal : précisez l'id, par ex. \`/incident ${subcommand} INC-12\`.`,
    );
  }
  const ids = candidates.map((i) => `\`${i.id}\``).join(', ');
  const example = `\`/incident ${subcommand} ${candidates[0]?.id ?? 'INC-1'}\``;
  return message(
    locale === 'en'
      ? `Several open incidents here (${ids}): which one? e.g. ${example}`
      : `Plusieurs incidents ouverts ici (${ids}) : lequel ? Par ex. ${example}`,
  );
}

export function renderDone(text: string): SlackMessage {
  return message(text);
}

export function renderEscalation(
  incident: Incident,
  runbook: Runbook | undefined,
  mentions: string[],
  user: string,
  locale: Locale,
): SlackMessage {
  const who = mentions.length === 0 ? '' : ` ${mentions.join(' ')}`;
  const rule = runbook?.escalation[0]?.description;
  const text =
    locale === 'en'
      ? `🚨 Escalation of \`${incident.id}\` (${escapeMrkdwn(incident.policy.title)}) requested by ${person(user)}.${who}${rule === undefined ? '' : `\n_${rule}_`}`
      : `🚨 Escalade de \`${incident.id}\` (${escapeMrkdwn(incident.policy.title)}) demandée par ${person(user)}.${who}${rule === undefined ? '' : `\n_${rule}_`}`;
  return message(text);
}

import type { TimelineEntry } from '../incidents/types';
import { readDeliveryDetail, readRunReason } from '../incidents/timeline-details';
import type { Messages, TimelineNames } from './messages';
import { readVerdictDetail } from '../incidents/verification';
import { verificationText } from './verification-text';

/** What a surface does to text from outside before it joins its own words (mrkdwn escaping on Slack). */
export type Escape = (text: string) => string;

const asIs: Escape = (text) => text;

/** Runs and items whose text comes from outside (an ops API answer) are cut: a timeline line stays a line. */
const OUTSIDE_TEXT_MAX = 200;

const cut = (text: string) =>
  text.length <= OUTSIDE_TEXT_MAX ? text : `${text.slice(0, OUTSIDE_TEXT_MAX - 1)}…`;

/**
 * How much of a person's own words (a note, a declared incident's summary) a surface shows: a line's
 * worth on the card, all of it where it is read in full (the thread, the post-mortem, an email).
 */
export type PersonWords = 'cut' | 'whole';

/** The delivery lines of an escalation or notification entry, in the reader's language. */
function deliveries(details: string[], m: Messages, names: TimelineNames, escape: Escape): string[] {
  return details.map((text) => {
    const d = readDeliveryDetail(text);
    if (d === undefined) return '';
    const target =
      d.channel === 'pagerduty'
        ? names.role(d.target)
        : d.channel === 'slack_dm'
          ? d.target
              .split(',')
              .map((id) => (/^[UW][A-Z0-9]+$/.test(id) ? names.person(id) : names.role(id)))
              .join(', ')
          : escape(d.target === '-' ? '' : d.target);
    const reason = d.reason === undefined ? undefined : escape(m.timeline.deliveryReason(d.reason, d.detail));
    return m.timeline.delivery(d.channel, target, d.outcome, reason, d.attempts);
  });
}

/** A mitigation result's details: the mitigation's title, the HTTP status, the reason or the ops API's words. */
function runDetails(details: string[], m: Messages, names: TimelineNames, escape: Escape): string[] {
  const [id, ...rest] = details;
  return [
    ...(id === undefined ? [] : [names.mitigation(id)]),
    ...rest.map((text) => {
      const reason = readRunReason(text);
      if (reason !== undefined) return escape(m.card.actions.runReason(reason));
      // Entries written before codes kept the bare status ("503").
      if (/^\d{3}$/.test(text)) return `HTTP ${text}`;
      return escape(cut(text));
    }),
  ];
}

/** The words of one timeline entry's details, by kind: titles for runbook ids, names for roles. */
export function timelineDetails(
  entry: TimelineEntry,
  m: Messages,
  names: TimelineNames,
  escape: Escape = asIs,
  words: PersonWords = 'cut',
): string[] {
  const d = entry.details;
  switch (entry.kind) {
    case 'truncated':
      return d.map((n) => m.timeline.count(Number(n)));
    case 'impact_corrected': {
      const [start, end] = d.map(Number);
      const time =
        names.time ?? ((ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC');
      return start === undefined || end === undefined ? [] : [m.timeline.window(time(start), time(end))];
    }
    case 'triage_checked':
    case 'triage_unchecked':
      return d.map(names.triage);
    case 'followup_checked':
    case 'followup_unchecked':
      return d.map(names.followup);
    case 'mitigation_started':
    case 'verification_started':
      return d.map(names.mitigation);
    case 'verification_verdict': {
      const [id = '', json = ''] = d;
      const verdict = readVerdictDetail(json);
      const time = names.time ?? ((ms: number) => new Date(ms).toISOString().slice(11, 16) + ' UTC');
      return verdict === undefined
        ? [names.mitigation(id)]
        : [escape(verificationText(verdict, names.mitigation(id), m, time, undefined))];
    }
    case 'mitigation_succeeded':
    case 'mitigation_failed':
    case 'mitigation_dry_run':
      return runDetails(d, m, names, escape);
    case 'escalated': {
      const [step, ...roles] = d;
      return step === undefined ? [] : [`${names.escalation(step)} → ${roles.map(names.role).join(', ')}`];
    }
    case 'notified':
      return [d.map(names.role).join(', ')];
    case 'escalation_delivered': {
      // Named again (its id comes first): steps that fire together, the SEV1 raise with the RTO,
      // deliver to the same roles, and the card shows only the last lines of the timeline. A dash, not
      // a comma, ends the name: a description has commas of its own (« Si > 15 min sans résolution,
      // contacter Tech Lead + On-call Backend »), and the deliveries are listed with commas.
      const [step, ...results] = d;
      if (step === undefined) return [];
      const sent = deliveries(results, m, names, escape).filter((t) => t !== '');
      const name = names.escalationName(step);
      return [sent.length === 0 ? name : `${name} — ${sent.join(', ')}`];
    }
    case 'notification_delivered':
      return deliveries(d, m, names, escape);
    case 'note':
    case 'declared':
      return d.map((text) => escape(words === 'whole' ? text : cut(text)));
    default:
      return d.map((text) => escape(cut(text)));
  }
}

/** « Mitigation réussie : Rollback de la dernière version, HTTP 200 ». */
export function timelineText(
  entry: TimelineEntry,
  m: Messages,
  names: TimelineNames,
  escape: Escape = asIs,
  words: PersonWords = 'cut',
): string {
  const details = timelineDetails(entry, m, names, escape, words).filter((t) => t !== '');
  return `${m.card.timelineKind[entry.kind]}${details.length === 0 ? '' : `${m.colon}${details.join(', ')}`}`;
}

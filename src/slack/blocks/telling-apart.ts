import { shortSummary } from '../../incidents/scope-labels';
import type { Incident } from '../../incidents/types';
import { escapeMrkdwn, truncate } from './limits';

/** A line names at most this many labels, each value cut to LABEL_VALUE characters. */
const MAX_LABELS = 3;
const LABEL_VALUE = 40;

export type LabelPair = readonly [name: string, value: string];

/**
 * The group labels that tell each incident from the others of its runbook listed with it: in a storm
 * forty lines all read « Hausse des erreurs HTTP 5xx sur l'API », and only `service=checkout` says
 * which is which. A label counts when its value is not the same on every incident of the same title
 * in the list; an incident alone with its title needs none. Labels keep Alertmanager's order.
 */
export function labelsTellingApart(incidents: readonly Incident[]): Map<string, LabelPair[]> {
  const byTitle = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const same = byTitle.get(incident.policy.title);
    if (same === undefined) byTitle.set(incident.policy.title, [incident]);
    else same.push(incident);
  }
  const apart = new Map<string, LabelPair[]>();
  for (const same of byTitle.values()) {
    if (same.length < 2) continue;
    const names = [...new Set(same.flatMap((i) => Object.keys(i.groupLabels)))];
    const varying = names.filter((name) => new Set(same.map((i) => i.groupLabels[name] ?? '')).size > 1);
    for (const incident of same) {
      const pairs = varying
        .map((name): LabelPair => [name, incident.groupLabels[name] ?? ''])
        .filter(([, value]) => value !== '')
        .slice(0, MAX_LABELS)
        .map(([name, value]): LabelPair => [name, truncate(value, LABEL_VALUE)]);
      apart.set(incident.id, pairs);
    }
  }
  return apart;
}

/** A label as inline code in mrkdwn: escaped, and a backtick in it cannot close the code span. */
export function labelCode([name, value]: LabelPair): string {
  return `\`${escapeMrkdwn(`${name}=${value}`).replace(/`/g, 'ˋ')}\``;
}

/** Labels for mrkdwn text (`service=checkout` `env=prod`), "" when there are none. */
export const labelsMrkdwn = (pairs: readonly LabelPair[] = []): string => pairs.map(labelCode).join(' ');

/** Labels for plain text (a menu option): service=checkout env=prod. */
export const labelsPlain = (pairs: readonly LabelPair[] = []): string =>
  pairs.map(([name, value]) => `${name}=${value}`).join(' ');

/**
 * A declared incident's summary, quoted for mrkdwn (« Panne totale sur checkout »): it has no labels,
 * and what its declarer said is what it is about. "" when it has none.
 */
export function summaryQuote(incident: Pick<Incident, 'summary'>): string {
  const summary = shortSummary(incident);
  return summary === '' ? '' : `« ${escapeMrkdwn(summary)} »`;
}

/** What tells an incident apart on a line of a list, as mrkdwn: its labels, its summary; "" for neither. */
export function apartMrkdwn(incident: Pick<Incident, 'summary'>, pairs?: readonly LabelPair[]): string {
  return [labelsMrkdwn(pairs), summaryQuote(incident)].filter((t) => t !== '').join(' ');
}

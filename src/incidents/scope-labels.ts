import type { Incident } from './types';

/** A scope label's value is cut to this many characters where it joins a title (a page's summary…). */
const VALUE_LIMIT = 60;

/**
 * What an incident is about beyond its runbook: its group labels that have a value, in the runbook's
 * `group_by` order (`service=checkout`, `env=prod`). In a storm every page and email of one runbook
 * has the same title; these say which service woke someone up.
 */
export function scopeLabels(incident: Pick<Incident, 'groupLabels'>): Array<[string, string]> {
  return Object.entries(incident.groupLabels)
    .filter(([, value]) => value !== '')
    .map(([name, value]): [string, string] => [
      name,
      value.length > VALUE_LIMIT ? `${value.slice(0, VALUE_LIMIT - 1)}…` : value,
    ]);
}

/** A declared incident's summary is cut to this many characters where it stands for its scope. */
const SUMMARY_LIMIT = 80;

/**
 * What an incident is about, as plain text: its scope labels (« service=checkout, env=prod »), or for
 * an incident a person declared (no alert, no labels) the summary they gave; "" when there is neither.
 */
export function scopeText(incident: Pick<Incident, 'groupLabels' | 'summary'>): string {
  return labelsText(incident) || shortSummary(incident);
}

/** The scope labels as plain text (« service=checkout, env=prod »); "" when none has a value. */
export function labelsText(incident: Pick<Incident, 'groupLabels'>): string {
  return scopeLabels(incident)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

/** The summary a person gave when declaring the incident, trimmed and cut; "" when there is none. */
export function shortSummary(incident: Pick<Incident, 'summary'>): string {
  const summary = incident.summary?.trim() ?? '';
  return summary.length > SUMMARY_LIMIT ? `${summary.slice(0, SUMMARY_LIMIT - 1)}…` : summary;
}

/** The title with its scope, as plain text: « Hausse des erreurs HTTP 5xx (service=checkout, env=prod) ». */
export function titleWithScope(incident: Pick<Incident, 'groupLabels' | 'policy' | 'summary'>): string {
  const scope = scopeText(incident);
  return scope === '' ? incident.policy.title : `${incident.policy.title} (${scope})`;
}

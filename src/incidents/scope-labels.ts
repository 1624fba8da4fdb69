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

/** The title with its scope, as plain text: « Hausse des erreurs HTTP 5xx (service=checkout, env=prod) ». */
export function titleWithScope(incident: Pick<Incident, 'groupLabels' | 'policy'>): string {
  const scope = scopeLabels(incident).map(([name, value]) => `${name}=${value}`);
  return scope.length === 0 ? incident.policy.title : `${incident.policy.title} (${scope.join(', ')})`;
}

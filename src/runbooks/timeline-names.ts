import type { TimelineNames } from '../i18n';
import type { Incident } from '../incidents/types';
import type { Runbook } from './schema';

/** A step's description cut to its first clause (« Validation RTO », « Monter SEV1 si SLA menacé »). */
const firstClause = (text: string): string => (text.split(/ — |\. /)[0] ?? text).replace(/\.$/, '');

/**
 * The names people know for the ids a timeline carries: triage steps and mitigations by their
 * runbook titles, escalation steps by their description (and, in delivery lines, by their short name
 * or the description's first clause), roles by their contact names, duties by their labels. An id the
 * runbook no longer has is shown as it is (better than nothing).
 */
export function timelineNames(
  incident: Incident,
  runbook: Runbook | undefined,
  roleName: (id: string) => string,
  followups: Array<{ id: string; label: string }>,
  person: (actor: string) => string,
): TimelineNames {
  const find = <T extends { id: string }>(list: T[] | undefined, id: string) =>
    list?.find((x) => x.id === id);
  return {
    triage: (id) => find(runbook?.triage, id)?.label ?? id,
    mitigation: (id) => find(runbook?.mitigations, id)?.label ?? id,
    escalation: (id) => find(incident.policy.escalation, id)?.description ?? id,
    escalationName: (id) => {
      const step = find(incident.policy.escalation, id);
      return step === undefined ? id : (step.name ?? firstClause(step.description));
    },
    role: roleName,
    followup: (id) => find(followups, id)?.label ?? id,
    person,
  };
}

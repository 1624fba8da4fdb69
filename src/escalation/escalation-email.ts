import type { EscalationStep, Incident } from '../incidents/types';
import type { Email } from '../integrations/email/email-sender';

export type Locale = 'fr' | 'en';

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** The escalation email (or, for the runbook's channels at open, the new-incident email): the incident, the deadline that passed, the timeline, the Slack thread. */
export function escalationEmail(
  incident: Incident,
  step: EscalationStep,
  to: string[],
  threadLink: string | undefined,
  locale: Locale,
): Email {
  const fr = locale === 'fr';
  // The runbook's channels at open: a new incident, not a deadline that passed.
  const opening = step.trigger.kind === 'opened';
  const deadline = step.trigger.kind === 'after' ? incident.phaseStartedAt + step.trigger.afterMs : undefined;
  const timeline = incident.timeline
    .slice(-15)
    .map(
      (e) =>
        `  ${time(e.at)}  ${e.kind}${e.details.length === 0 ? '' : ` : ${e.details.join(', ')}`} (${e.actor})`,
    );
  const lines = fr
    ? [
        opening
          ? `Nouvel incident ${incident.id} — ${incident.policy.title}`
          : `Escalade de l'incident ${incident.id} — ${incident.policy.title}`,
        '',
        `Règle : ${step.description}`,
        `Sévérité : ${incident.severity} · Statut : ${incident.status} · Runbook : ${incident.policy.runbookId ?? '—'}`,
        `Début : ${time(incident.openedAt)}`,
        ...(deadline === undefined ? [] : [`Échéance dépassée : ${time(deadline)}`]),
        ...(threadLink === undefined ? [] : [`Fil Slack : ${threadLink}`]),
        '',
        'Chronologie :',
        ...timeline,
        '',
        '— Vigie',
      ]
    : [
        opening
          ? `New incident ${incident.id} — ${incident.policy.title}`
          : `Escalation of incident ${incident.id} — ${incident.policy.title}`,
        '',
        `Rule: ${step.description}`,
        `Severity: ${incident.severity} · Status: ${incident.status} · Runbook: ${incident.policy.runbookId ?? '—'}`,
        `Started: ${time(incident.openedAt)}`,
        ...(deadline === undefined ? [] : [`Deadline passed: ${time(deadline)}`]),
        ...(threadLink === undefined ? [] : [`Slack thread: ${threadLink}`]),
        '',
        'Timeline:',
        ...timeline,
        '',
        '— Vigie',
      ];
  const what = fr ? (opening ? 'Nouvel incident' : 'Escalade') : opening ? 'New incident' : 'Escalation';
  const subject = `[Vigie] ${what} ${incident.id} (${incident.severity}) — ${incident.policy.title}`;
  return { to, subject, text: lines.join('\n') };
}

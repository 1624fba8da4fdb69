import type { Locale, TimelineNames } from '../i18n';
import { messages } from '../i18n';
import { timelineText } from '../i18n/timeline-text';
import { incidentStart } from '../incidents/alert-tally';
import { dueAt } from '../incidents/escalation-plan';
import { titleWithScope } from '../incidents/scope-labels';
import type { EscalationStep, Incident } from '../incidents/types';
import type { Email } from '../integrations/email/email-sender';

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** Timeline entries an email carries: the latest; the thread has the rest. */
const EMAIL_TIMELINE = 15;

/**
 * The escalation email (or, for the runbook's channels at open, the new-incident email): the
 * incident, the deadline that passed, the timeline in the reader's words, the Slack thread.
 */
export function escalationEmail(
  incident: Incident,
  step: EscalationStep,
  to: string[],
  threadLink: string | undefined,
  locale: Locale,
  names: TimelineNames,
): Email {
  const m = messages(locale);
  // The runbook's channels at open: a new incident, not a deadline that passed.
  const opening = step.trigger.kind === 'opened';
  const deadline = step.trigger.kind === 'after' ? dueAt(incident, step) : undefined;
  const timeline = incident.timeline
    .slice(-EMAIL_TIMELINE)
    .map(
      (e) => `  ${time(e.at)}  ${timelineText(e, m, names, undefined, 'whole')} (${names.person(e.actor)})`,
    );
  const lines = [
    m.email.heading(opening, incident.id, titleWithScope(incident)),
    '',
    m.email.rule(step.description),
    m.email.state(
      m.card.severityName[incident.severity],
      m.card.status[incident.status],
      incident.policy.runbookId ?? '—',
    ),
    m.email.started(time(incidentStart(incident))),
    ...(deadline === undefined ? [] : [m.email.deadlinePassed(time(deadline))]),
    ...(threadLink === undefined ? [] : [m.email.thread(threadLink)]),
    '',
    m.email.timeline,
    ...timeline,
    '',
    '— Vigie',
  ];
  const subject = m.email.subject(
    opening,
    incident.id,
    m.card.severityName[incident.severity],
    titleWithScope(incident),
  );
  return { to, subject, text: lines.join('\n') };
}

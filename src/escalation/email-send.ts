import type { DeliveryResult, EscalationStep, Incident } from '../incidents/types';
import type { Email, EmailSender } from '../integrations/email/email-sender';
import type { Contacts } from '../runbooks/schema';
import type { PeopleDirectory } from '../slack/people-directory';
import { peopleOf } from '../slack/people-directory';

export interface EmailSendDeps {
  contacts: Contacts;
  email: EmailSender;
  /** People's names for emails (a Slack id means nothing in a mailbox); absent: shown by id. */
  people?: PeopleDirectory;
  renderEmail: (
    incident: Incident,
    step: EscalationStep,
    to: string[],
    threadLink: string | undefined,
    people: Map<string, string>,
  ) => Email;
}

/**
 * One email to every address of the roles (each address once). The sender retries by itself and never
 * throws: a send that still fails is a failed result; without SMTP configured the item is skipped.
 */
export async function sendEscalationEmail(
  deps: EmailSendDeps,
  incident: Incident,
  step: EscalationStep,
  roles: string[],
  outcome: 'sent' | 'fallback',
  threadLink: () => Promise<string | undefined>,
): Promise<DeliveryResult> {
  const to = [...new Set(roles.flatMap((id) => deps.contacts.roles[id]?.email ?? []))];
  if (to.length === 0)
    return { channel: 'email', target: '-', outcome: 'skipped', reason: 'no_address', detail: '' };
  const people = (await deps.people?.names(peopleOf(incident))) ?? new Map<string, string>();
  const sent = await deps.email.send(deps.renderEmail(incident, step, to, await threadLink(), people));
  return {
    channel: 'email',
    target: to.join(','),
    outcome: sent.ok ? outcome : deps.email.configured ? 'failed' : 'skipped',
    ...(sent.ok ? {} : { reason: deps.email.configured ? 'email_failed' : 'email_not_configured' }),
    detail: sent.ok || !deps.email.configured ? '' : sent.detail,
  };
}

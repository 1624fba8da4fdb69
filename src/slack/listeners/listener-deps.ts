import type { RespondFn } from '@slack/bolt';
import type { IncidentRepository } from '../../incidents/ports';
import type { Logger } from '../../observability/logger';
import type { ResponderActions } from '../../responders/responder-actions';
import type { Refusal } from '../../responders/refusal';
import type { RunbookRegistry } from '../../runbooks/registry';
import type { Locale } from '../blocks/i18n';
import { refusalText } from '../blocks/refusal-text';
import type { SlackMessage } from '../blocks/primitives';

/** What every listener may use. Listeners ack, decode, call ResponderActions, and answer. */
export interface ListenerDeps {
  actions: ResponderActions;
  incidents: IncidentRepository;
  registry: RunbookRegistry;
  locale: Locale;
  logger: Logger;
}

/** An answer only the person sees, through the response_url (no channel noise). */
export async function replyPrivately(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  });
}

export function refusalMessage(refusal: Refusal, deps: ListenerDeps): SlackMessage {
  const roleName = (id: string) => deps.registry.set.contacts.roles[id]?.name ?? id;
  const text = refusalText(refusal, deps.locale, roleName);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

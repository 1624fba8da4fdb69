import type { RespondFn } from '@slack/bolt';
import { escalationPromptDone } from '../../blocks/escalation-prompt';
import type { SlackMessage } from '../../blocks/primitives';
import { decodeActionValue } from '../../action-value';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, roleNames } from '../listener-deps';

export interface PromptClickArgs {
  ack: () => Promise<void>;
  body: { user: { id: string } };
  action: { value?: string };
  respond: RespondFn;
}

/**
 * « Escalader maintenant » on the prompt `/incident escalader` answered with: fires the step, then
 * replaces the prompt (ephemeral, through the response_url) with what was done or why not, so that
 * the person who pressed it sees the outcome where they pressed, and no button is left to press again.
 */
export async function escalateFromPrompt(deps: ListenerDeps, args: PromptClickArgs): Promise<void> {
  await args.ack();
  const value = decodeActionValue(args.action.value);
  if (value === null || value.s === undefined)
    return replacePrompt(args.respond, refusalMessage({ code: 'bad_value' }, deps));
  const result = await deps.actions.escalate(
    { incidentId: value.i, generation: value.g },
    args.body.user.id,
    value.s,
  );
  return replacePrompt(
    args.respond,
    result.ok
      ? escalationPromptDone(value.i, result.value, roleNames(deps), deps.locale)
      : refusalMessage(result.refusal, deps),
  );
}

async function replacePrompt(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({
    response_type: 'ephemeral',
    replace_original: true,
    text: message.text,
    blocks: message.blocks,
  });
}

import type { RespondFn } from '@slack/bolt';
import { decodeActionValue } from '../action-value';
import type { SlackMessage } from '../blocks/primitives';
import type { ButtonArgs, ListenerDeps } from './listener-deps';
import { refusalMessage } from './listener-deps';

/**
 * Answers a click on a command's prompt (an ephemeral message) in its place, through the click's
 * response_url (Slack replaces an ephemeral that way, chat.update cannot): the person sees the outcome
 * where they pressed, and the prompt's button is gone rather than left to be pressed again.
 */
export async function replacePrompt(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({
    response_type: 'ephemeral',
    replace_original: true,
    text: message.text,
    blocks: message.blocks,
  });
}

/**
 * The shape of a prompt's button: ack at once, decode the versioned value (a tampered one is refused,
 * nothing done), act, and replace the prompt with what `act` says was done (or the refusal).
 */
export async function answerPromptClick(
  deps: ListenerDeps,
  args: ButtonArgs,
  act: (
    target: { incidentId: string; generation: number },
    step: string,
    user: string,
  ) => Promise<SlackMessage>,
): Promise<void> {
  await args.ack();
  const value = decodeActionValue(args.action.value);
  if (value === null || value.s === undefined)
    return replacePrompt(args.respond, refusalMessage({ code: 'bad_value' }, deps));
  const message = await act({ incidentId: value.i, generation: value.g }, value.s, args.body.user.id);
  return replacePrompt(args.respond, message);
}

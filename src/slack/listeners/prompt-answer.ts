import type { RespondFn } from '@slack/bolt';
import type { SlackMessage } from '../blocks/primitives';
import type { ButtonArgs, RefusalDeps } from './listener-deps';
import { ackClick, refusalMessage } from './listener-deps';

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
 * The shape of a prompt's button: ack and decode (a tampered value is refused, nothing done), act, and
 * replace the prompt with what `act` says was done (or the refusal).
 */
export async function answerPromptClick(
  deps: RefusalDeps,
  args: ButtonArgs,
  act: (
    target: { incidentId: string; generation: number },
    step: string,
    user: string,
  ) => Promise<SlackMessage>,
): Promise<void> {
  const click = await ackClick(args, true);
  if (click?.step === undefined)
    return replacePrompt(args.respond, refusalMessage({ code: 'bad_value' }, deps));
  return replacePrompt(args.respond, await act(click.target, click.step, click.user));
}

import { messages } from '../../../i18n';
import { renderDone } from '../../blocks/command-replies';
import { escapeMrkdwn } from '../../blocks/limits';
import type { ButtonArgs, ListenerDeps } from '../listener-deps';
import { refusalMessage } from '../listener-deps';
import { answerPromptClick } from '../prompt-answer';

/**
 * A mitigation's button on the prompt `/incident mitiger` answered with: starts the run (as the card's
 * button does), and the prompt becomes the run started (or simulated) or why not; the run's outcome
 * goes to the card and its thread, as for a click on the card.
 */
export function mitigateFromPrompt(deps: ListenerDeps, args: ButtonArgs): Promise<void> {
  return answerPromptClick(deps, args, async (target, mitigationId, user) => {
    const result = await deps.actions.mitigate(target, mitigationId, user);
    if (!result.ok) return refusalMessage(result.refusal, deps);
    const { label, number, dryRun } = result.value;
    return renderDone(
      messages(deps.locale).commands.mitigationStarted(
        escapeMrkdwn(label),
        target.incidentId,
        number,
        dryRun,
      ),
    );
  });
}

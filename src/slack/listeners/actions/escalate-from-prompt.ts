import { escalationPromptDone } from '../../blocks/escalation-prompt';
import type { ButtonArgs, ListenerDeps } from '../listener-deps';
import { refusalMessage, roleNames } from '../listener-deps';
import { answerPromptClick } from '../prompt-answer';

/**
 * « Escalader maintenant » on the prompt `/incident escalader` answered with: fires the step, and the
 * prompt becomes what was done (whom it reaches) or why not.
 */
export function escalateFromPrompt(deps: ListenerDeps, args: ButtonArgs): Promise<void> {
  return answerPromptClick(deps, args, async (target, step, user) => {
    const result = await deps.actions.escalate(target, user, step);
    return result.ok
      ? escalationPromptDone(target.incidentId, result.value, roleNames(deps), deps.locale)
      : refusalMessage(result.refusal, deps);
  });
}

import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, actionPattern, PROMPT_BLOCK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { handleButton } from '../listener-deps';
import { escalateFromPrompt } from './escalate-from-prompt';

/**
 * A card button for an escalation step a person triggers (e.g. « Cause infra » → DevOps): the card
 * shows the outcome. The same button on `/incident escalader`'s prompt answers in place of the prompt.
 */
export function registerEscalate(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.escalate), (args) =>
    args.action.block_id === PROMPT_BLOCK.escalate
      ? escalateFromPrompt(deps, args)
      : handleButton(deps, args, (target, step, user) => deps.actions.escalate(target, user, step), {
          needsStep: true,
        }),
  );
}
